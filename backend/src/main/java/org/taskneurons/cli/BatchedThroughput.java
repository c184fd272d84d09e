package org.taskneurons.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.taskneurons.data.Dataset;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.ModelKind;
import org.taskneurons.experiment.SpecReader;
import org.taskneurons.experiment.TrainingStep;
import org.taskneurons.nn.ComputeDevice;
import org.taskneurons.nn.EpochListener;
import org.taskneurons.sr.Formula;

/**
 * Trials per second of K seeds of one task trained side by side ({@link TrainingStep#trainSideBySide},
 * whether or not that pays) against the same tasks one at a time ({@link TrainingStep#train}) on the fused path, in one
 * process on one thread, whole tasks (split, scaling, training, metrics) each way. Both per
 * wall-clock second and per second of the thread's CPU time: on a machine others load, the
 * CPU time is the fairer comparison.
 */
final class BatchedThroughput {
    /** One-at-a-time throughput is taken over this many tasks. */
    private static final int SINGLE_TASKS = 16;
    /** Each figure is the best of this many runs: the JIT's and other processes' noise only ever slows a run down. */
    private static final int RUNS = 3;

    private final ExperimentSpec experiment;
    private final ExperimentSpec.DatasetSpec source;
    private final Dataset dataset;
    private final ModelKind model;
    private final List<Integer> structure;
    private final Formula formula;

    BatchedThroughput(ExperimentSpec experiment, ExperimentSpec.DatasetSpec source, Dataset dataset, ModelKind model,
                      List<Integer> structure, Formula formula) {
        this.experiment = experiment;
        this.source = source;
        this.dataset = dataset;
        this.model = model;
        this.structure = structure;
        this.formula = formula;
    }

    /** {trials, trials_per_second, ratio} per K, with the one-at-a-time figure it is the ratio to. */
    ObjectNode measure(List<Integer> counts) {
        if (!TrainingStep.trainsInBatches(model, formula)) {
            throw new IllegalStateException(model.label() + " " + structure + " does not train in batches");
        }
        // Warm-up: the JIT compiles both paths before any clock runs.
        single(8);
        bundle(Math.min(32, counts.stream().mapToInt(Integer::intValue).max().orElse(1)));
        double[] single = best(() -> single(SINGLE_TASKS));
        ObjectNode node = SpecReader.json().createObjectNode();
        node.put("model", model.label());
        node.put("structure", structure.toString());
        node.put("one_at_a_time_trials_per_second", single[0]);
        node.put("one_at_a_time_trials_per_cpu_second", single[1]);
        ArrayNode list = node.putArray("batched");
        for (int k : counts) {
            TrialRates.add(list, k, best(() -> bundle(k)), single);
        }
        return node;
    }

    /** The highest rates, per wall-clock second and per CPU second each, of {@link #RUNS} runs of {@code run}. */
    private static double[] best(Supplier<double[]> run) {
        double[] best = run.get();
        for (int i = 1; i < RUNS; i++) {
            double[] next = run.get();
            best = new double[] {Math.max(best[0], next[0]), Math.max(best[1], next[1])};
        }
        return best;
    }

    /** Tasks per wall-clock second and per CPU second, one at a time. */
    private double[] single(int tasks) {
        TrialRates clocks = new TrialRates();
        for (long seed = 0; seed < tasks; seed++) {
            TrainingStep.run(experiment, source, dataset, model, structure, seed, formula, EpochListener.NONE, () -> false,
                    ComputeDevice.cpu());
        }
        return clocks.perSecond(tasks);
    }

    /** Tasks per wall-clock second and per CPU second, {@code trials} seeds in one bundle. */
    private double[] bundle(int trials) {
        List<TrainingStep.BundledTask> tasks = new ArrayList<>();
        LongStream.range(0, trials).forEach(seed -> tasks.add(new TrainingStep.BundledTask(seed, EpochListener.NONE,
                () -> false)));
        TrialRates clocks = new TrialRates();
        List<TrainingStep.BundledResult> results = TrainingStep.trainSideBySide(experiment, source, dataset, model,
                structure, formula, tasks, ComputeDevice.cpu());
        double[] rates = clocks.perSecond(trials);
        results.forEach(result -> result.trained().close());
        return rates;
    }
}
