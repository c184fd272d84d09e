package org.taskneurons.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.ReadOptions;
import org.taskneurons.experiment.DatasetLoader;
import org.taskneurons.experiment.DiscoveryStep;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.ModelKind;
import org.taskneurons.experiment.SpecReader;
import org.taskneurons.experiment.SpecValidation;
import org.taskneurons.experiment.TrainingStep;
import org.taskneurons.nn.ComputeDevice;
import org.taskneurons.nn.EpochListener;
import org.taskneurons.sr.Formula;
import org.taskneurons.sr.SearchProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: one model on one data file. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains one model (task-based networks from --formula or from the formula discovered on the training rows).")
final class TrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--model", required = true, description = "tn, ln, quadratic, random-poly or xgboost.")
    String model;

    @Option(names = "--formula", description = "Formula of task-based neurons (default: discovered on the training rows).")
    String formula;

    @Mixin
    TrainingOptions training;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the split, the weights and the batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--task", description = "auto, regression or classification (default: ${DEFAULT-VALUE}).")
    ReadOptions.Task task = ReadOptions.defaults().task();

    @Option(names = "--save", paramLabel = "DIR", description = "Save the trained model (for predict).")
    Path save;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ModelKind kind = ModelKind.of(model);
        ExperimentSpec experiment = new ExperimentSpec(null, "train", List.of(data.datasetSpec(task)),
                new ExperimentSpec.DiscoverySpec(null, training.scale, null, null, null, null, null, null, seed, formula,
                        null, null, null, 0),
                List.of(kind), List.of(training.structure()), training.training(), List.of(seed), training.split(), null);
        SpecValidation.requireValid(experiment, data.dataRoots());
        Dataset dataset = DatasetLoader.load(experiment.datasets().get(0), data.dataRoots());
        DiscoveryStep.Outcome discovery = kind.needsFormula()
                ? DiscoveryStep.run(experiment, dataset, SearchProgress.NONE, () -> false)
                : null;
        Formula neuronFormula = discovery == null ? null : Formula.parse(discovery.formula());
        try (TrainingStep.Trained trained = TrainingStep.train(experiment, experiment.datasets().get(0), dataset, kind,
                training.structure(), seed, neuronFormula, EpochListener.NONE, () -> false, ComputeDevice.preferred())) {
            if (save != null) {
                trained.save(save);
            }
            print(trained.outcome(), neuronFormula);
        }
        return 0;
    }

    private void print(TrainingStep.Outcome outcome, Formula neuronFormula) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = SpecReader.json().valueToTree(outcome);
            if (neuronFormula != null) {
                node.put("formula", neuronFormula.toString());
            }
            if (save != null) {
                node.put("saved", save.toString());
            }
            out.println(SpecReader.json().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } else {
            out.printf("model        %s, %d parameters, hidden widths %s%n", outcome.model(), outcome.parameters(), outcome.widths());
            if (neuronFormula != null) {
                out.printf("formula      %s%n", neuronFormula);
            }
            out.printf("test         %s%n", outcome.testMetrics());
            out.printf("train        %s%n", outcome.trainMetrics());
            out.printf("time         %.2f s, %d epochs on %s%n", outcome.seconds(), outcome.epochs(), outcome.device());
            if (save != null) {
                out.printf("saved to     %s%n", save);
            }
        }
        out.flush();
    }
}
