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

    /** Trains the trials on the path of {@link #engine}; the results are in the order of the trials. */
    public static List<TrialResult> fit(Network network, List<Trial> trials, ComputeDevice device) {
        return engine(network, trials, device) == TrainingEngine.FUSED
                ? BatchedTraining.fit(network, trials)
                : BatchedDjlTraining.fit(network, trials, device);
    }
}
