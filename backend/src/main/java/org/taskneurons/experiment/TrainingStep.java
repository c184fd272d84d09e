package org.taskneurons.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.taskneurons.baseline.XGBoostModel;
import org.taskneurons.baseline.XGBoostSettings;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.Scaler;
import org.taskneurons.data.Split;
import org.taskneurons.evaluation.Metrics;
import org.taskneurons.evaluation.Predictions;
import org.taskneurons.nn.BatchedTraining;
import org.taskneurons.nn.ComputeDevice;
import org.taskneurons.nn.EpochListener;
import org.taskneurons.nn.HiddenActivation;
import org.taskneurons.nn.Initialization;
import org.taskneurons.nn.Network;
import org.taskneurons.nn.Neuron;
import org.taskneurons.nn.Output;
import org.taskneurons.nn.Structure;
import org.taskneurons.nn.TrainedNetwork;
import org.taskneurons.nn.Training;
import org.taskneurons.nn.TrainingCheckpoint;
import org.taskneurons.nn.TrainingSettings;
import org.taskneurons.nn.TrainingSummary;
import org.taskneurons.nn.TrialBatch;
import org.taskneurons.sr.Formula;

/**
 * One training task: a model on one data set with one structure and seed. The rows are split
 * with the seed, scaled with a scaler fitted on the training rows only, and the metrics are
 * taken on the scaled test rows (the paper reports test MSE on min-max scaled targets).
 * Networks of other neurons are shrunk to no more parameters than the ordinary network of the
 * same structure when the spec asks for it (the paper's rule).
 */
public final class TrainingStep {
    private TrainingStep() {
    }

    /**
     * What a training task produced, stored and sent as JSON.
     *
     * @param widths       hidden widths actually used (after shrinking)
     * @param parameters   learnable scalars of the network, or tree nodes of XGBoost
     * @param testMetrics  on the scaled test rows
     * @param trainMetrics on the scaled training rows
     * @param epochs       epochs run (0 for XGBoost)
     * @param device       where it ran
     * @param curves       the whole learning curves by epoch ({@link LearningCurves}); none for XGBoost
     * @param diverged     the training loss became NaN or infinite, or a test metric is not finite
     *                     (also set for a result stored before this flag, from its metrics); such a
     *                     run is left out of the means and counted ({@link Aggregation})
     * @param dead         the network was dead at its initial weights: after some hidden layer,
     *                     every ReLU unit gave 0 for every training row; left out and counted
     *                     like a diverged run
     */
    public record Outcome(String model, long seed, List<Integer> structure, List<Integer> widths, long parameters,
            Map<String, Double> testMetrics, Map<String, Double> trainMetrics, double seconds, int epochs, String device,
            Map<String, List<double[]>> curves, boolean diverged, boolean dead) {
        public Outcome {
            curves = curves == null ? Map.of() : curves;
            diverged = diverged || !testMetrics.values().stream().allMatch(Double::isFinite);
        }
    }

    /** A trained model with its outcome; close it, or save it first. */
    public record Trained(Outcome outcome, TrainedNetwork network, XGBoostModel trees) implements AutoCloseable {
        public void save(Path target) throws IOException {
            if (network != null) {
                network.save(target);
            } else {
                java.nio.file.Files.createDirectories(target);
                trees.save(target.resolve("xgboost.ubj"));
            }
        }

        @Override
        public void close() {
            if (network != null) {
                network.close();
            }
            if (trees != null) {
                trees.close();
            }
        }
    }

    /** Runs the task and keeps only its outcome. */
    public static Outcome run(ExperimentSpec spec, ExperimentSpec.DatasetSpec source, Dataset dataset, ModelKind model,
            List<Integer> structure, long seed, Formula formula, EpochListener listener, BooleanSupplier cancelled,
            ComputeDevice device) {
        try (Trained trained = train(spec, source, dataset, model, structure, seed, formula, listener, cancelled, device)) {
            return trained.outcome();
        }
    }

    /**
     * Trains one model.
     *
     * @param source  the spec of the data set (its epochs and batch size override the training's)
     * @param formula the data set's discovered formula; required for task-based and
     *                random-polynomial models, ignored otherwise
     * @param device  where a network trains ({@link ComputeDevice#preferred()} unless a worker's slot
     *                says otherwise); trees always grow on the CPU
     */
    public static Trained train(ExperimentSpec spec, ExperimentSpec.DatasetSpec source, Dataset dataset, ModelKind model,
            List<Integer> structure, long seed, Formula formula, EpochListener listener, BooleanSupplier cancelled,
            ComputeDevice device) {
        return train(spec, source, dataset, model, structure, seed, formula, listener, cancelled, device, null);
    }

    /** {@link #train}, continuing a network from {@code resume} (null: from its initial weights). */
    static Trained train(ExperimentSpec spec, ExperimentSpec.DatasetSpec source, Dataset dataset, ModelKind model,
            List<Integer> structure, long seed, Formula formula, EpochListener listener, BooleanSupplier cancelled,
            ComputeDevice device, TrainingCheckpoint resume) {
        if (model.needsFormula() && formula == null) {
            throw new IllegalArgumentException(model.label() + " needs the data set's formula");
        }
        long start = System.nanoTime();
        Split split = DiscoveryStep.plan(spec).split(dataset, seed);
        Scaler scaler = Scaler.fit(split.train(), spec.training().scale());
        Dataset train = scaler.apply(split.train());
        Dataset validation = scaler.apply(split.validation());
        Dataset test = scaler.apply(split.test());
        if (model == ModelKind.XGBOOST) {
            // Trees need no scaling: they learn from the raw rows, as a tabular user would run them,
            // and their predictions are scaled like the target only to be scored next to the networks.
            XGBoostModel trees = XGBoostModel.fit(split.train(), spec.split().validation() > 0 ? split.validation() : null,
                    XGBoostSettings.defaults().withSeed(seed));
            Outcome outcome = new Outcome(model.label(), seed, structure, List.of(), trees.parameterCount(),
                    Metrics.of(test, scaled(scaler, trees.predict(split.test()))),
                    Metrics.of(train, scaled(scaler, trees.predict(split.train()))), seconds(start), 0, "cpu", Map.of(),
                    false, false);
            return new Trained(outcome, null, trees);
        }
        Network network = network(spec, dataset, model, structure, seed, formula);
        TrainedNetwork trained = Training.builder()
                .setSettings(settings(spec.training(), source, model, seed))
                .optListener(listener)
                .optCancellation(cancelled)
                .optDevice(device)
                .optResume(resume)
                .build()
                .fit(network, train, validation, scaler);
        return trained(model, seed, structure, trained, new Split(train, validation, test), seconds(start));
    }

    /** {@code network} trained on the scaled {@code parts}, with its outcome. */
    private static Trained trained(ModelKind model, long seed, List<Integer> structure, TrainedNetwork trained,
            Split parts, double seconds) {
        Outcome outcome = new Outcome(model.label(), seed, structure, trained.network().structure().hiddenWidths(),
                trained.network().parameterCount(), Metrics.of(parts.test(), trained.predictScaled(parts.test())),
                Metrics.of(parts.train(), trained.predictScaled(parts.train())), seconds,
                trained.summary().map(summary -> summary.epochs().size()).orElse(0),
                trained.summary().map(summary -> String.valueOf(summary.device())).orElse("cpu"),
                trained.summary().map(summary -> LearningCurves.of(summary.epochs())).orElse(Map.of()),
                trained.summary().map(TrainingSummary::diverged).orElse(false),
                trained.summary().map(TrainingSummary::dead).orElse(false));
        return new Trained(outcome, trained, null);
    }

    /**
     * One task of a bundle (see {@link #trainBundle}): its seed, the listener of its epochs and
     * its cancellation.
     */
    public record BundledTask(long seed, EpochListener listener, BooleanSupplier cancelled) {
        public BundledTask {
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(cancelled, "cancelled");
        }
    }

    /** What a task of a bundle produced: its trained model, or the cancellation that stopped it. */
    public record BundledResult(Trained trained, CancellationException cancellation) {
        public BundledResult {
            if ((trained == null) == (cancellation == null)) {
                throw new IllegalArgumentException("a bundled result is a trained model or a cancellation");
            }
        }
    }

    /**
     * Whether tasks of {@code model} (with the data set's {@code formula}, where it needs one),
     * differing only in their seeds, train as one batch ({@link TrialBatch}): a network that
     * does not depend on the seed (not trees, not random polynomials). The batch takes the path
     * a single task would: fused on the CPU for small networks, else DJL's batched path on the
     * task's device.
     */
    public static boolean trainsInBatches(ModelKind model, Formula formula) {
        return trainsInBatches(model) && !(model.needsFormula() && formula == null);
    }

    /** Whether tasks of {@code model}, given the formula where it needs one, train in batches. */
    public static boolean trainsInBatches(ModelKind model) {
        return model != ModelKind.XGBOOST && model != ModelKind.RANDOM_POLYNOMIAL;
    }

    /**
     * Whether the tasks of one model, data set and structure train faster side by side than
     * one after the other on {@code device}: they {@linkplain #trainsInBatches train in
     * batches}, and their batch {@linkplain TrialBatch#pays pays} (DJL's batched path always
     * does; the fused path only for small steps).
     */
    public static boolean trainsSideBySide(ExperimentSpec spec, ExperimentSpec.DatasetSpec source, Dataset dataset,
            ModelKind model, List<Integer> structure, Formula formula, ComputeDevice device) {
        return trainsInBatches(model, formula)
                && pays(spec, source, model, network(spec, dataset, model, structure, 0, formula), device);
    }

    private static boolean pays(ExperimentSpec spec, ExperimentSpec.DatasetSpec source, ModelKind model,
            Network network, ComputeDevice device) {
        return TrialBatch.pays(network, settings(spec.training(), source, model, 0), device);
    }

    /**
     * Whether the tasks of one model, data set and structure of {@code spec} might train faster
     * side by side on a CPU slot, told from the spec alone (before the data are read): they
     * {@linkplain #trainsInBatches(ModelKind) train in batches}, and either the spec asks for
     * DJL or the smallest network they could have (one input, linear neurons, the one-output
     * head) times the batch size is within {@link TrialBatch#pays}'s limit. Where this is false,
     * {@link #trainsSideBySide} is false too on a CPU for networks of the structure's widths, so
     * a scheduler keeps such tasks apart and spreads them over its slots. (A network that
     * {@code match_parameters} shrinks below the bound may miss a bundle that would pay; none is
     * ever bundled where this says no.)
     */
    public static boolean mayTrainSideBySide(ExperimentSpec spec, ExperimentSpec.DatasetSpec source, ModelKind model,
            List<Integer> structure) {
        if (!trainsInBatches(model)) {
            return false;
        }
        Network smallest = new Network(1, shape(Output.regression(1), spec.training().activation(),
                spec.training().structure(model, structure)), Neuron.linear());
        return pays(spec, source, model, smallest, ComputeDevice.cpu());
    }

    /**
     * Trains the tasks of one model, data set and structure that differ only in their seeds,
     * as {@link #train} trains each, with the same results: side by side
     * ({@link #trainSideBySide}) where that {@linkplain #trainsSideBySide is the faster way},
     * else, and for a bundle of one task, one after the other. A cancelled task stops alone.
     * Each outcome's seconds are its share of the bundle's.
     */
    public static List<BundledResult> trainBundle(ExperimentSpec spec, ExperimentSpec.DatasetSpec source,
            Dataset dataset, ModelKind model, List<Integer> structure, Formula formula, List<BundledTask> tasks,
            ComputeDevice device) {
        if (tasks.size() > 1 && trainsInBatches(model, formula)) {
            Network network = network(spec, dataset, model, structure, 0, formula);
            if (pays(spec, source, model, network, device)) {
                return sideBySide(spec, source, dataset, model, structure, formula, network, tasks, device);
            }
        }
        return oneAfterTheOther(spec, source, dataset, model, structure, formula, tasks, device);
    }

    /**
     * As {@link #trainBundle}, side by side wherever the tasks
     * {@linkplain #trainsInBatches train in batches}, whether or not that is the faster way:
     * every task's split and scaling are its own and the networks train in one
     * {@link TrialBatch} per split size, on {@code device} where the batch takes DJL's path.
     */
    public static List<BundledResult> trainSideBySide(ExperimentSpec spec, ExperimentSpec.DatasetSpec source,
            Dataset dataset, ModelKind model, List<Integer> structure, Formula formula, List<BundledTask> tasks,
            ComputeDevice device) {
        if (tasks.size() == 1 || !trainsInBatches(model, formula)) {
            return oneAfterTheOther(spec, source, dataset, model, structure, formula, tasks, device);
        }
        return sideBySide(spec, source, dataset, model, structure, formula,
                network(spec, dataset, model, structure, 0, formula), tasks, device);
    }

    /** {@link #trainSideBySide} of more than one task whose model trains in batches, as {@code network}. */
    private static List<BundledResult> sideBySide(ExperimentSpec spec, ExperimentSpec.DatasetSpec source,
            Dataset dataset, ModelKind model, List<Integer> structure, Formula formula, Network network,
            List<BundledTask> tasks, ComputeDevice device) {
        long start = System.nanoTime();
        List<Split> parts = new ArrayList<>();
        Map<List<Integer>, List<Integer>> bySize = new LinkedHashMap<>();
        List<BatchedTraining.Trial> trials = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            BundledTask task = tasks.get(i);
            Split split = DiscoveryStep.plan(spec).split(dataset, task.seed());
            Scaler scaler = Scaler.fit(split.train(), spec.training().scale());
            parts.add(new Split(scaler.apply(split.train()), scaler.apply(split.validation()), scaler.apply(split.test())));
            trials.add(new BatchedTraining.Trial(settings(spec.training(), source, model, task.seed()),
                    parts.get(i).train(), parts.get(i).validation(), scaler, task.listener(), task.cancelled()));
            bySize.computeIfAbsent(List.of(split.train().rows(), split.validation().rows()), size -> new ArrayList<>())
                    .add(i);
        }
        BatchedTraining.TrialResult[] results = new BatchedTraining.TrialResult[tasks.size()];
        for (List<Integer> group : bySize.values()) {
            List<BatchedTraining.TrialResult> trained = TrialBatch.fit(network, group.stream().map(trials::get).toList(),
                    device);
            for (int g = 0; g < group.size(); g++) {
                results[group.get(g)] = trained.get(g);
            }
        }
        double share = seconds(start) / tasks.size();
        List<BundledResult> bundled = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            bundled.add(results[i].isCancelled() ? new BundledResult(null, results[i].cancellation())
                    : new BundledResult(trained(model, tasks.get(i).seed(), structure, results[i].network(), parts.get(i),
                            share), null));
        }
        return bundled;
    }

    private static List<BundledResult> oneAfterTheOther(ExperimentSpec spec, ExperimentSpec.DatasetSpec source,
            Dataset dataset, ModelKind model, List<Integer> structure, Formula formula, List<BundledTask> tasks,
            ComputeDevice device) {
        return tasks.stream().map(task -> {
            try {
                return new BundledResult(train(spec, source, dataset, model, structure, task.seed(), formula,
                        task.listener(), task.cancelled(), device), null);
            } catch (CancellationException cancelled) {
                return new BundledResult(null, cancelled);
            }
        }).toList();
    }

    /** The network of a model, shrunk to the ordinary network's parameter count when the spec asks. */
    static Network network(ExperimentSpec spec, Dataset dataset, ModelKind model, List<Integer> structure, long seed,
            Formula formula) {
        Output output = dataset.isClassification() ? Output.classification(dataset.classCount()) : Output.regression(1);
        HiddenActivation activation = spec.training().activation();
        Network ordinary = new Network(dataset.featureCount(), shape(output, activation, structure), Neuron.linear());
        Network network = new Network(dataset.featureCount(),
                shape(output, activation, spec.training().structure(model, structure)), switch (model) {
            case TASK_BASED -> Neuron.taskBased(formula);
            case RANDOM_POLYNOMIAL -> Neuron.randomPolynomial(formula, seed);
            case QUADRATIC -> Neuron.quadratic();
            default -> Neuron.linear();
        });
        if (spec.training().matchParameters() && network.parameterCount() > ordinary.parameterCount()) {
            return network.shrinkTo(ordinary.parameterCount()).network();
        }
        return network;
    }

    private static Structure shape(Output output, HiddenActivation activation, List<Integer> widths) {
        return Structure.of(output, activation, widths.stream().mapToInt(Integer::intValue).toArray());
    }

    static TrainingSettings settings(ExperimentSpec.TrainingSpec training, ExperimentSpec.DatasetSpec dataset,
            ModelKind model, long seed) {
        return TrainingSettings.defaults()
                .withOptimizer(training.optimizer())
                .withLearningRate(training.learningRate(model))
                .withEpochs(dataset.epochs() != null ? dataset.epochs() : training.epochs())
                .withBatchSize(dataset.batchSize() != null ? dataset.batchSize() : training.batchSize())
                .withWeightDecay(training.weightDecay())
                .withPatience(training.patience())
                .withSeed(seed)
                .withInitialization(Initialization.TORCH_DEFAULT)
                .withEngine(training.engine());
    }

    private static Predictions scaled(Scaler scaler, Predictions raw) {
        if (raw.isClassification()) {
            return raw;
        }
        double[] values = raw.values().clone();
        for (int i = 0; i < values.length; i++) {
            values[i] = scaler.applyTarget(values[i]);
        }
        return Predictions.regression(values);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
