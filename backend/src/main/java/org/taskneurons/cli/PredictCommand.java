package org.taskneurons.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taskneurons.baseline.XGBoostModel;
import org.taskneurons.data.Dataset;
import org.taskneurons.evaluation.Metrics;
import org.taskneurons.evaluation.Predictions;
import org.taskneurons.nn.TrainedNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code predict}: a saved model on a new file with the same columns. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predicts with a model saved by 'train --save' on a file with the training file's columns",
                "(the target column too: its metrics are printed); writes one prediction per row."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Folder written by train --save.")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = "--out", paramLabel = "FILE", description = "Write predictions as CSV here (default: standard output).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Dataset dataset = data.read();
        Predictions predictions = predict(dataset);
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Double> metrics = Metrics.of(dataset, predictions);
        err.printf("%d rows, metrics in the data's units: %s%n", dataset.rows(), metrics);
        err.flush();
        StringBuilder csv = new StringBuilder("prediction\n");
        for (double value : predictions.values()) {
            csv.append(dataset.isClassification() ? dataset.classLabels().get((int) value) : Double.toString(value)).append('\n');
        }
        if (out == null) {
            spec.commandLine().getOut().print(csv);
            spec.commandLine().getOut().flush();
        } else {
            Files.writeString(out, csv);
        }
        return 0;
    }

    private Predictions predict(Dataset dataset) throws java.io.IOException {
        Path trees = model.resolve("xgboost.ubj");
        if (Files.isRegularFile(trees)) {
            try (XGBoostModel xgboost = XGBoostModel.load(trees)) {
                return xgboost.predict(dataset);
            }
        }
        if (!Files.isRegularFile(model.resolve(TrainedNetwork.MANIFEST))) {
            throw new IllegalArgumentException("--model: " + model + " holds no saved model (no " + TrainedNetwork.MANIFEST
                    + " or xgboost.ubj)");
        }
        try (TrainedNetwork network = TrainedNetwork.load(model)) {
            return network.predict(dataset);
        }
    }
}
