package org.taskneurons.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.LocalRunner;
import org.taskneurons.experiment.SpecReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code run}: an experiment spec to completion in this process, without a server. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs an experiment spec (JSON or YAML) in this process and prints its tables.")
final class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file (.json, .yaml or .yml).")
    Path specFile;

    @Option(names = "--data-root", paramLabel = "DIR",
            description = "Folder that data files of the spec are relative to (repeatable; default: the current folder).")
    List<Path> dataRoots = new ArrayList<>();

    @Option(names = "--parallel", defaultValue = "1",
            description = "Trainings run at once (default: ${DEFAULT-VALUE}); results do not depend on it.")
    int parallel;

    @Option(names = "--bundle-size", paramLabel = "N",
            description = "Most seeds of one data set, model and structure trained side by side in one batched pass, "
                    + "where the model trains in batches (default: ${DEFAULT-VALUE}; 1: each on its own); "
                    + "results do not depend on it.")
    int bundleSize = LocalRunner.BUNDLE_SIZE;

    @Option(names = "--json", description = "Print the whole report as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (bundleSize < 1 || bundleSize > LocalRunner.MAX_BUNDLE_SIZE) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--bundle-size must be in [1, " + LocalRunner.MAX_BUNDLE_SIZE + "]: " + bundleSize);
        }
        ExperimentSpec experiment = SpecReader.read(specFile);
        List<Path> roots = dataRoots.isEmpty() ? List.of(Path.of(".")) : dataRoots;
        PrintWriter err = spec.commandLine().getErr();
        LocalRunner.Report report = LocalRunner.of(roots, parallel, new ProgressLines(err), () -> false)
                .withBundleSize(bundleSize).run(experiment);
        ReportPrinter.print(spec.commandLine().getOut(), report, json);
        return 0;
    }
}
