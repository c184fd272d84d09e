package org.taskneurons.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.Scaler;
import org.taskneurons.experiment.SpecReader;
import org.taskneurons.nn.BatchedDjlTraining;
import org.taskneurons.nn.BatchedTraining;
import org.taskneurons.nn.ComputeDevice;
import org.taskneurons.nn.EpochListener;
import org.taskneurons.nn.Network;
import org.taskneurons.nn.Training;
import org.taskneurons.nn.TrainingSettings;

/**
 * Trials per second of K seeds of one network trained as one batch on the DJL batched path
 * ({@link BatchedDjlTraining}) on a device, against the same trials one at a time on the DJL
 * path ({@link Training}) on that device, training only, on one thread. Per wall-clock second,
 * and per second of the thread's CPU time, the fairer figure on a CPU others load (on a GPU
 * the CPU time is the host's share only).
 */
final class DeviceThroughput {
    /** One-at-a-time throughput is taken over this many trials. */
    private static final int SINGLE_TRIALS = 2;

    private final Network network;
    private final TrainingSettings settings;
    private final Dataset train;
    private final Scaler scaler;

    /**
     * Trials of {@code network} with {@code settings} (the seed is each trial's) on the rows of
     * {@code train}, scaled with {@code scaler}.
     */
    DeviceThroughput(Network network, TrainingSettings settings, Dataset train, Scaler scaler) {
        this.network = network;
        this.settings = settings;
        this.train = train;
        this.scaler = scaler;
    }

    /** {device, one_at_a_time_…, batched: [{trials, trials_per_second, ratio, …}]} on {@code device} for each K. */
    ObjectNode measure(ComputeDevice device, List<Integer> counts) {
        // Warm-up: the engine's kernels for the device, and the JIT, before any clock runs.
        single(device, 1, settings.withEpochs(1));
        batch(device, 2, settings.withEpochs(1));
        double[] single = single(device, SINGLE_TRIALS, settings);
        ObjectNode node = SpecReader.json().createObjectNode();
        node.put("device", device.toString());
        node.put("one_at_a_time_trials_per_second", single[0]);
        node.put("one_at_a_time_trials_per_cpu_second", single[1]);
        ArrayNode list = node.putArray("batched");
        for (int k : counts) {
            TrialRates.add(list, k, batch(device, k, settings), single);
        }
        return node;
    }

    /** Trials per wall-clock second and per CPU second, one at a time on the DJL path. */
    private double[] single(ComputeDevice device, int trials, TrainingSettings base) {
        TrialRates clocks = new TrialRates();
        for (int seed = 0; seed < trials; seed++) {
            Training.builder().setSettings(base.withSeed(seed)).optDevice(device).build()
                    .fit(network, train, train.select(new int[0]), scaler).close();
        }
        return clocks.perSecond(trials);
    }

    /** Trials per wall-clock second and per CPU second, {@code trials} seeds in one batch on the DJL batched path. */
    private double[] batch(ComputeDevice device, int trials, TrainingSettings base) {
        List<BatchedTraining.Trial> batch = new ArrayList<>(trials);
        Dataset none = train.select(new int[0]);
        for (int seed = 0; seed < trials; seed++) {
            batch.add(new BatchedTraining.Trial(base.withSeed(seed), train, none, scaler, EpochListener.NONE, () -> false));
        }
        TrialRates clocks = new TrialRates();
        List<BatchedTraining.TrialResult> results = BatchedDjlTraining.fit(network, batch, device);
        double[] rates = clocks.perSecond(trials);
        results.forEach(result -> result.network().close());
        return rates;
    }
}
