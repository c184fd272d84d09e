package org.taskneurons.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.Scaler;
import org.taskneurons.data.Scaling;
import org.taskneurons.data.Synthetic;
import org.taskneurons.experiment.DatasetLoader;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.ModelKind;
import org.taskneurons.experiment.SpecReader;
import org.taskneurons.experiment.TrainingStep;
import org.taskneurons.nn.ComputeDevice;
import org.taskneurons.nn.EpochListener;
import org.taskneurons.nn.HiddenActivation;
import org.taskneurons.nn.Initialization;
import org.taskneurons.nn.Network;
import org.taskneurons.nn.Neuron;
import org.taskneurons.nn.OptimizerKind;
import org.taskneurons.nn.Output;
import org.taskneurons.nn.Structure;
import org.taskneurons.nn.Training;
import org.taskneurons.nn.TrainingEngine;
import org.taskneurons.nn.TrainingSettings;
import org.taskneurons.nn.TrainingSummary;
import org.taskneurons.sr.Formula;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench train}: the paper's synthetic training run and training throughput, each on
 * both training paths (DJL's engine and the fused Java path) side by side in one process.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"(a) The paper's synthetic run on --data: ordinary 10-2-1 at lr 0.01 and one task-based layer from",
                "6@x**2 + 2@x - 3 at lr 0.001, RMSprop, batch 10, 300 epochs, min-max scaling, 8:2 split;",
                "(b) training throughput at batch 256 on --rows generated rows of 10 inputs.",
                "Both on the fused path and on DJL's engine, with their ratio; the paper's code takes about 9 s for (a).",
                "(c) Trials per second of K seeds trained as one batch against one at a time on the fused path:",
                "the task-based network of (a) on --data, and an ordinary 10-5 network on --real.",
                "(d) The device check: trials per second of the task-based network of (a) on --data, K seeds as one",
                "batch on the DJL batched path against one at a time on DJL, on the CPU and on gpu(0) where DJL finds one."})
final class TrainBenchCommand implements Callable<Integer> {
    private static final Formula PAPER_FORMULA = Formula.parse("6@x**2 + 2@x - 3");
    /** The paper's PyTorch code for (a), both networks, one thread, idle machine: ../shared/data/README.md. */
    private static final double PAPER_SECONDS = 9.0;
    /** Fused first: it then pays whatever warm-up the two paths share, which favours DJL, not the fused path. */
    private static final List<TrainingEngine> ENGINES = List.of(TrainingEngine.FUSED, TrainingEngine.DJL);

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

    @Option(names = "--hidden", split = ",", paramLabel = "W",
            description = "Hidden widths of the throughput networks (default: 10,5).")
    List<Integer> hidden = new ArrayList<>(List.of(10, 5));

    @Option(names = "--part", split = ",", paramLabel = "PART",
            description = "Parts to run: paper, throughput, batched, device (default: the first three).")
    List<String> parts = new ArrayList<>(List.of("paper", "throughput", "batched"));

    @Option(names = "--trials", split = ",", paramLabel = "K",
            description = "Trials per batch for (c) (default: 1,8,32,128).")
    List<Integer> trials = new ArrayList<>(List.of(1, 8, 32, 128));

    @Option(names = "--real", paramLabel = "FILE",
            description = "A real data set for (c), its target the first column (e.g. public/california.csv); skipped without it.")
    Path real;

    @Option(names = "--real-rows", defaultValue = "10000", description = "Rows of --real used (default: ${DEFAULT-VALUE}).")
    int realRows;

    @Option(names = "--real-epochs", defaultValue = "10", description = "Epochs on --real (default: ${DEFAULT-VALUE}).")
    int realEpochs;

    @Option(names = "--device-trials", split = ",", paramLabel = "K",
            description = "Trials per batch for (d) (default: 1,4,16,64,256,1024).")
    List<Integer> deviceTrials = new ArrayList<>(List.of(1, 4, 16, 64, 256, 1024));

    @Option(names = "--device-epochs", defaultValue = "30",
            description = "Epochs of every trial in (d), batch 10 (default: ${DEFAULT-VALUE}).")
    int deviceEpochs;

    @Option(names = "--json", description = "Print the report as one line of JSON (default: indented).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ObjectNode report = SpecReader.json().createObjectNode();
        // The engine starts before any clock runs, so that neither path pays for loading it.
        report.put("device", ComputeDevice.preferred().toString());
        report.put("load_average_before", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (file != null && parts.contains("paper")) {
            report.set("paper_synthetic_run", paperRun());
        }
        if (parts.contains("throughput")) {
            report.set("throughput_batch_256", throughput());
        }
        if (parts.contains("batched")) {
            batched(report);
        }
        if (parts.contains("device")) {
            report.set("device_check", deviceCheck());
        }
        report.put("load_average_after", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? SpecReader.json().writeValueAsString(report)
                : SpecReader.json().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        out.flush();
        return 0;
    }

    /** Training seconds of both networks per path, the whole task's seconds (split, scaling, metrics) beside them. */
    private ObjectNode paperRun() throws Exception {
        ExperimentSpec.DatasetSpec source = new ExperimentSpec.DatasetSpec("epsilon", file.toAbsolutePath().toString(), null,
                null, "y", null, null, null, null, null, null, null, null);
        Dataset dataset = DatasetLoader.load(source, List.of(file.toAbsolutePath().getParent()));
        ObjectNode node = SpecReader.json().createObjectNode();
        double[] seconds = new double[ENGINES.size()];
        for (int e = 0; e < ENGINES.size(); e++) {
            TrainingEngine engine = ENGINES.get(e);
            ExperimentSpec experiment = experiment(source, 300, 10, Map.of(ModelKind.ORDINARY, 0.01,
                    ModelKind.TASK_BASED, 0.001), engine);
            Timed ordinary = train(experiment, source, dataset, ModelKind.ORDINARY, List.of(2), null);
            Timed taskBased = train(experiment, source, dataset, ModelKind.TASK_BASED, List.of(), PAPER_FORMULA);
            ObjectNode path = node.putObject(engine.label());
            path.set("ordinary_10_2_1", SpecReader.json().valueToTree(ordinary.outcome));
            path.set("task_based_10_1", SpecReader.json().valueToTree(taskBased.outcome));
            path.put("training_seconds_both", ordinary.training + taskBased.training);
            path.put("task_seconds_both", ordinary.outcome.seconds() + taskBased.outcome.seconds());
            seconds[e] = ordinary.training + taskBased.training;
        }
        double fused = seconds[ENGINES.indexOf(TrainingEngine.FUSED)];
        double djl = seconds[ENGINES.indexOf(TrainingEngine.DJL)];
        node.put("djl_over_fused", djl / fused);
        node.put("reference_seconds_both", PAPER_SECONDS);
        node.put("reference", "the paper's PyTorch code, one thread, idle machine (shared/data/README.md), not rerun here");
        node.put("fused_over_reference", fused / PAPER_SECONDS);
        node.put("djl_over_reference", djl / PAPER_SECONDS);
        node.put("target_met", fused <= PAPER_SECONDS / 2);
        return node;
    }

    /**
     * (c): the synthetic protocol's figures under {@code batched} (the list scripts read), with
     * the one-at-a-time figure beside them; the real set's under {@code batched_real}.
     */
    private void batched(ObjectNode report) throws Exception {
        if (file != null) {
            ExperimentSpec.DatasetSpec source = new ExperimentSpec.DatasetSpec("epsilon", file.toAbsolutePath().toString(),
                    null, null, "y", null, null, null, null, null, null, null, null);
            Dataset dataset = DatasetLoader.load(source, List.of(file.toAbsolutePath().getParent()));
            ExperimentSpec experiment = experiment(source, 300, 10, Map.of(ModelKind.TASK_BASED, 0.001),
                    TrainingEngine.FUSED);
            ObjectNode synthetic = new BatchedThroughput(experiment, source, dataset, ModelKind.TASK_BASED, List.of(),
                    PAPER_FORMULA).measure(trials);
            report.set("batched", synthetic.remove("batched"));
            report.set("batched_synthetic", synthetic);
        }
        if (real != null) {
            ExperimentSpec.DatasetSpec source = new ExperimentSpec.DatasetSpec("real", real.toAbsolutePath().toString(),
                    null, null, "first", null, null, null, null, null, null, realEpochs, 32);
            Dataset all = DatasetLoader.load(source, List.of(real.toAbsolutePath().getParent()));
            Dataset dataset = all.select(IntStream.range(0, Math.min(realRows, all.rows())).toArray());
            ExperimentSpec experiment = experiment(source, realEpochs, 32, Map.of(ModelKind.ORDINARY, 0.003),
                    TrainingEngine.FUSED);
            ObjectNode node = new BatchedThroughput(experiment, source, dataset, ModelKind.ORDINARY, List.of(10, 5), null)
                    .measure(trials);
            node.put("file", real.getFileName().toString());
            node.put("rows", dataset.rows());
            node.put("epochs", realEpochs);
            report.set("batched_real", node);
        }
    }

    /**
     * (d): the DJL batched path on the CPU and, where DJL finds one, on gpu(0); a machine without
     * a GPU says so and measures the CPU only.
     */
    private ObjectNode deviceCheck() throws Exception {
        if (file == null) {
            throw new IllegalArgumentException("--part device needs --data (epsilon_low_no1.csv)");
        }
        ExperimentSpec.DatasetSpec source = new ExperimentSpec.DatasetSpec("epsilon", file.toAbsolutePath().toString(),
                null, null, "y", null, null, null, null, null, null, null, null);
        Dataset dataset = DatasetLoader.load(source, List.of(file.toAbsolutePath().getParent()));
        Dataset rows = dataset.select(IntStream.range(0, dataset.rows() * 8 / 10).toArray());
        Scaler scaler = Scaler.fit(rows, Scaling.MIN_MAX);
        Network network = new Network(rows.featureCount(), Structure.of(Output.regression(1), HiddenActivation.RELU),
                Neuron.taskBased(PAPER_FORMULA));
        TrainingSettings settings = TrainingSettings.defaults().withOptimizer(OptimizerKind.RMSPROP).withLearningRate(0.001)
                .withEpochs(deviceEpochs).withBatchSize(10).withInitialization(Initialization.TORCH_DEFAULT)
                .withEngine(TrainingEngine.DJL);
        DeviceThroughput throughput = new DeviceThroughput(network, settings, scaler.apply(rows), scaler);
        ObjectNode node = SpecReader.json().createObjectNode();
        node.put("network", "task-based 10-1 of " + PAPER_FORMULA + ", RMSprop, batch 10");
        node.put("train_rows", rows.rows());
        node.put("epochs", deviceEpochs);
        node.set("cpu", throughput.measure(ComputeDevice.cpu(), deviceTrials));
        ComputeDevice gpu = ComputeDevice.preferred();
        if (gpu.isGpu()) {
            node.set("gpu", throughput.measure(gpu, deviceTrials));
        } else {
            node.put("gpu", "none: DJL finds no GPU on this machine, so only the CPU was measured");
        }
        return node;
    }

    /** Training rows per second (training only, from the run's summary) per model and path, warm. */
    private ObjectNode throughput() {
        Synthetic generator = new Synthetic(rows, 10, -1, 1, List.of(0.0, 2.0, 6.0), 0.05);
        Dataset dataset = generator.generate(1);
        ExperimentSpec.DatasetSpec source = new ExperimentSpec.DatasetSpec("generated", null, "paper-no1-low", null, null, null,
                null, null, null, null, null, epochs, 256);
        ObjectNode node = SpecReader.json().createObjectNode();
        node.put("rows", rows);
        node.put("train_rows", Math.round(rows * 0.8));
        node.put("epochs", epochs);
        node.set("hidden", SpecReader.json().valueToTree(hidden));
        Formula formula = Formula.parse("6·Σx^2 + 2·Σx");
        for (ModelKind model : List.of(ModelKind.ORDINARY, ModelKind.TASK_BASED, ModelKind.QUADRATIC)) {
            ObjectNode entry = node.putObject(model.label());
            double[] perSecond = new double[ENGINES.size()];
            for (int e = 0; e < ENGINES.size(); e++) {
                ExperimentSpec experiment = experiment(source, epochs, 256, Map.of(), ENGINES.get(e));
                // The second of two runs: throughput once the JIT and the engine's kernels are warm.
                train(experiment, source, dataset, model, hidden, formula);
                Timed timed = train(experiment, source, dataset, model, hidden, formula);
                perSecond[e] = Math.round(rows * 0.8) * (double) timed.epochs / timed.training;
                entry.put("parameters", timed.outcome.parameters());
                entry.put(ENGINES.get(e).label() + "_rows_per_second", Math.round(perSecond[e]));
            }
            entry.put("fused_over_djl", perSecond[ENGINES.indexOf(TrainingEngine.FUSED)]
                    / perSecond[ENGINES.indexOf(TrainingEngine.DJL)]);
        }
        return node;
    }

    private Timed train(ExperimentSpec experiment, ExperimentSpec.DatasetSpec source, Dataset dataset, ModelKind model,
            List<Integer> structure, Formula formula) {
        try (TrainingStep.Trained trained = TrainingStep.train(experiment, source, dataset, model, structure, seed, formula,
                EpochListener.NONE, () -> false, ComputeDevice.preferred())) {
            TrainingSummary summary = trained.network().summary().orElseThrow();
            return new Timed(trained.outcome(), summary.seconds(), summary.epochs().size());
        }
    }

    private static ExperimentSpec experiment(ExperimentSpec.DatasetSpec source, int epochs, int batch,
            Map<ModelKind, Double> rates, TrainingEngine engine) {
        ExperimentSpec.TrainingSpec training = new ExperimentSpec.TrainingSpec(null, 0.001, rates, epochs, batch, 0.0, 0,
                null, null, false, Map.of(), engine);
        return new ExperimentSpec(null, "bench", List.of(source), null, List.of(ModelKind.ORDINARY), List.of(List.of(2)),
                training, List.of(0L), null, null);
    }

    /** A task's outcome with the seconds and the epochs of its training alone. */
    private record Timed(TrainingStep.Outcome outcome, double training, int epochs) {
    }
}
