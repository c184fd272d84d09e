package org.taskneurons.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.Synthetic;
import org.taskneurons.experiment.DatasetLoader;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.ModelKind;
import org.taskneurons.experiment.SpecReader;
import org.taskneurons.experiment.TrainingStep;
import org.taskneurons.nn.EpochListener;
import org.taskneurons.sr.Formula;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench train}: the paper's synthetic training run and training throughput. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"(a) The paper's synthetic run on --data: ordinary 10-2-1 at lr 0.01 and one task-based layer from",
                "6@x**2 + 2@x - 3 at lr 0.001, RMSprop, batch 10, 300 epochs, min-max scaling, 8:2 split;",
                "(b) training throughput at batch 256 on --rows generated rows of 10 inputs."})
final class TrainBenchCommand implements Callable<Integer> {
    private static final Formula PAPER_FORMULA = Formula.parse("6@x**2 + 2@x - 3");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", description = "epsilon_low_no1.csv for (a); without it, (a) is skipped.")
    Path file;

    @Option(names = "--seed", defaultValue = "10", description = "Seed of the split and the weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--rows", defaultValue = "50000", description = "Rows for the throughput part (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--epochs", defaultValue = "3", description = "Epochs for the throughput part (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Override
    public Integer call() throws Exception {
        ObjectNode report = SpecReader.json().createObjectNode();
        if (file != null) {
            report.set("paper_synthetic_run", paperRun());
        }
        report.set("throughput_batch_256", throughput());
        PrintWriter out = spec.commandLine().getOut();
        out.println(SpecReader.json().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        out.flush();
        return 0;
    }

    private ObjectNode paperRun() throws Exception {
        ExperimentSpec.DatasetSpec source = new ExperimentSpec.DatasetSpec("epsilon", file.toAbsolutePath().toString(), null,
                null, "y", null, null, null, null, null, null, null, null);
        ExperimentSpec experiment = experiment(source, 300, 10, Map.of(ModelKind.ORDINARY, 0.01, ModelKind.TASK_BASED, 0.001));
        Dataset dataset = DatasetLoader.load(source, List.of(file.toAbsolutePath().getParent()));
        TrainingStep.Outcome ordinary = TrainingStep.run(experiment, source, dataset, ModelKind.ORDINARY, List.of(2), seed,
                null, EpochListener.NONE, () -> false);
        TrainingStep.Outcome taskBased = TrainingStep.run(experiment, source, dataset, ModelKind.TASK_BASED, List.of(), seed,
                PAPER_FORMULA, EpochListener.NONE, () -> false);
        ObjectNode node = SpecReader.json().createObjectNode();
        node.set("ordinary_10_2_1", SpecReader.json().valueToTree(ordinary));
        node.set("task_based_10_1", SpecReader.json().valueToTree(taskBased));
        node.put("seconds_both", ordinary.seconds() + taskBased.seconds());
        node.put("reference_seconds_both", 9.0);
        node.put("reference", "the paper's PyTorch code, one thread, idle machine (shared/data/README.md), not rerun here");
        node.put("ratio_to_reference", (ordinary.seconds() + taskBased.seconds()) / 9.0);
        return node;
    }

    private ObjectNode throughput() {
        Synthetic generator = new Synthetic(rows, 10, -1, 1, List.of(0.0, 2.0, 6.0), 0.05);
        Dataset dataset = generator.generate(1);
        ExperimentSpec.DatasetSpec source = new ExperimentSpec.DatasetSpec("generated", null, "paper-no1-low", null, null, null,
                null, null, null, null, null, epochs, 256);
        ExperimentSpec experiment = experiment(source, epochs, 256, Map.of());
        ObjectNode node = SpecReader.json().createObjectNode();
        node.put("rows", rows);
        node.put("train_rows", Math.round(rows * 0.8));
        node.put("epochs", epochs);
        Formula formula = Formula.parse("6·Σx^2 + 2·Σx");
        for (ModelKind model : List.of(ModelKind.ORDINARY, ModelKind.TASK_BASED, ModelKind.QUADRATIC)) {
            TrainingStep.Outcome outcome = TrainingStep.run(experiment, source, dataset, model, List.of(10, 5), seed, formula,
                    EpochListener.NONE, () -> false);
            node.put(model.label() + "_rows_per_second", Math.round(rows * 0.8) * (double) epochs / outcome.seconds());
            node.put(model.label() + "_parameters", outcome.parameters());
        }
        return node;
    }

    private static ExperimentSpec experiment(ExperimentSpec.DatasetSpec source, int epochs, int batch,
            Map<ModelKind, Double> rates) {
        ExperimentSpec.TrainingSpec training = new ExperimentSpec.TrainingSpec("rmsprop", 0.001, rates, epochs, batch, 0.0, 0,
                "relu", "minmax", false, Map.of());
        return new ExperimentSpec(null, "bench", List.of(source), null, List.of(ModelKind.ORDINARY), List.of(List.of(2)),
                training, List.of(0L), null);
    }
}
