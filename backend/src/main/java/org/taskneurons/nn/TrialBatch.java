package org.taskneurons.nn;

import java.util.List;
import org.taskneurons.nn.BatchedTraining.Trial;
import org.taskneurons.nn.BatchedTraining.TrialResult;

/**
 * K trials of one network trained together on the path a single run of them would take: the
 * trials' engine setting, resolved for the network, the batch size and the device as
 * {@link TrainingEngine#resolve} resolves it, chooses the fused path ({@link BatchedTraining},
 * on the CPU) or DJL ({@link BatchedDjlTraining}, on {@code device}: a GPU where the worker's
 * slot has one).
 */
public final class TrialBatch {
    private TrialBatch() {
    }

    /** The engine that trains {@code trials} of {@code network} on {@code device}: DJL or FUSED. */
    public static TrainingEngine engine(Network network, List<Trial> trials, ComputeDevice device) {
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("no trials to train");
        }
        TrainingSettings first = trials.get(0).settings();
        for (int t = 1; t < trials.size(); t++) {
            if (trials.get(t).settings().engine() != first.engine()) {
                throw new IllegalArgumentException("trial " + t + " asks for engine " + trials.get(t).settings().engine()
                        .label() + ", trial 0 for " + first.engine().label() + ": the trials of one batch must agree");
            }
        }
        return first.engine().resolve(network, first.batchSize(), device.djl());
    }

    /**
     * Up to this many parameters × batch rows per step, K trials side by side on the fused path
     * train faster than one after the other; above it, the lanes' short loops over trials cost
     * more than the per-step overhead they share. Measured on one idle core with 10 seeds
     * ({@code run --parallel 1 --bundle-size 1} against {@code 32}): the paper's synthetic
     * networks (about 210–250) 1.07–1.33× faster side by side; the public sets (153–181
     * parameters, batches of 32 and 256: 4,900 to 46,000) 0.7–0.87× for ordinary networks,
     * 0.85–1.1× for quadratic ones and 0.9–1.2× for task-based ones.
     */
    static final long LANES_WORK_LIMIT = 1_024L;

    /**
     * Whether trials of {@code network} with {@code settings} train faster side by side than one
     * after the other on {@code device}: always on DJL's path (one batched product for all
     * trials instead of K sets of native calls), on the fused path while parameters × batch
     * size is at most {@link #LANES_WORK_LIMIT}.
     */
    public static boolean pays(Network network, TrainingSettings settings, ComputeDevice device) {
        return settings.engine().resolve(network, settings.batchSize(), device.djl()) != TrainingEngine.FUSED
                || (double) network.parameterCount() * settings.batchSize() <= LANES_WORK_LIMIT;
    }

    /** Trains the trials on the path of {@link #engine}; the results are in the order of the trials. */
    public static List<TrialResult> fit(Network network, List<Trial> trials, ComputeDevice device) {
        return engine(network, trials, device) == TrainingEngine.FUSED
                ? BatchedTraining.fit(network, trials)
                : BatchedDjlTraining.fit(network, trials, device);
    }
}
