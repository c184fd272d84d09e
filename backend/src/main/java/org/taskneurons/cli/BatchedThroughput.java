package org.taskneurons.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
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
 * Trials per second of K seeds of one task trained side by side ({@link TrainingStep#trainSideBySide}, whether or not that pays)
 * against the same tasks one at a time ({@link TrainingStep#train}) on the fused path, in one
 * process on one thread, whole tasks (split, scaling, training, metrics) each way. Both per
 * wall-clock second and per second of the thread's CPU time: on a machine others load, the
 * CPU time is the fairer comparison.
 */
final class BatchedThroughput {
    /** One-at-a-time throughput is taken over this many tasks (or K, if fewer). */
    private static final int SINGLE_TASKS = 8;

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
        single(2);
        bundle(Math.min(8, counts.get(counts.size() - 1)));
        double[] single = single(SINGLE_TASKS);
        ObjectNode node = SpecReader.json().createObjectNode();
        node.put("model", model.label());
        node.put("structure", structure.toString());
        node.put("one_at_a_time_trials_per_second", single[0]);
        node.put("one_at_a_time_trials_per_cpu_second", single[1]);
        ArrayNode list = node.putArray("batched");
        for (int k : counts) {
            TrialRates.add(list, k, bundle(k), single);
        }
        return node;
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
        List<TrainingStep.BundledResult> results = TrainingStep.trainSideBySide(experiment, source, dataset, model, structure,
                formula, tasks, ComputeDevice.cpu());
        double[] rates = clocks.perSecond(trials);
        results.forEach(result -> result.trained().close());
        return rates;
    }
}
