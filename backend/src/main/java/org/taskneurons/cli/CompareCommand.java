package org.taskneurons.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.taskneurons.data.ReadOptions;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.LocalRunner;
import org.taskneurons.experiment.ModelKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code compare}: several models over seeds on one data set, as a table like the paper's Table 6. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Discovers the formula on the training rows, trains every model for every seed and prints",
                "test metrics as mean (std), the best marked, with Wilcoxon p-values against the first model."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data;

    @Mixin
    TrainingOptions training;

    @Option(names = "--models", split = ",", paramLabel = "MODEL",
            description = "tn (task-based), ln (ordinary), quadratic, random-poly, xgboost (default: tn,ln,quadratic,xgboost).")
    List<String> models = new ArrayList<>(List.of("task-based", "ordinary", "quadratic", "xgboost"));

    @Option(names = "--seeds", defaultValue = "10", description = "Seeds 0..N-1 (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--formula", description = "Use this formula instead of discovering one (e.g. '6@x**2 + 2@x - 3').")
    String formula;

    @Option(names = "--max-power", defaultValue = "6", description = "Discovery: powers x^1..x^K (default: ${DEFAULT-VALUE}).")
    int maxPower;

    @Option(names = "--task", description = "auto, regression or classification (default: ${DEFAULT-VALUE}).")
    ReadOptions.Task task = ReadOptions.defaults().task();

    @Option(names = "--parallel", defaultValue = "1", description = "Trainings at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ExperimentSpec experiment = new ExperimentSpec(null, "compare", List.of(data.datasetSpec(task)),
                new ExperimentSpec.DiscoverySpec(null, training.scale, maxPower, null, null, null, null, null, 0L, formula,
                        null, null, null, 0),
                models.stream().map(ModelKind::of).toList(), List.of(training.structure()), training.training(),
                LongStream.range(0, seeds).boxed().toList(), training.split(), null);
        LocalRunner.Report report = LocalRunner.of(data.dataRoots(), parallel,
                new ProgressLines(spec.commandLine().getErr()), () -> false).run(experiment);
        ReportPrinter.print(spec.commandLine().getOut(), report, json);
        return 0;
    }
}
