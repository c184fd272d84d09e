package org.taskneurons.nn;

import java.util.List;
import java.util.Objects;

/**
 * How a training run went.
 *
 * @param epochs      one report per epoch trained
 * @param bestEpoch   the epoch whose parameters the network has: the one with the lowest
 *                    validation loss under early stopping, else the last
 * @param stoppedEarly whether early stopping ended training before the last epoch
 * @param diverged    whether training stopped because the loss was no longer finite
 * @param dead        whether the network was dead at its initial weights: after some hidden
 *                    layer, every ReLU unit gave 0 for every training row ({@link DeadStart})
 * @param device      the device trained on, such as {@code cpu()} or {@code gpu(0)}
 * @param engine      the path that trained: {@link TrainingEngine#DJL} or {@link TrainingEngine#FUSED}
 * @param seconds     wall-clock seconds of the whole run
 * @param checkpoint  where the run stood after its last epoch, to continue it from; null on
 *                    the DJL path and after early stopping
 */
public record TrainingSummary(List<EpochReport> epochs, int bestEpoch, boolean stoppedEarly, boolean diverged,
                              boolean dead, String device, TrainingEngine engine, double seconds,
                              TrainingCheckpoint checkpoint) {

    public TrainingSummary {
        epochs = List.copyOf(epochs);
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(engine, "engine");
    }

    /** The last epoch's report. */
    public EpochReport last() {
        return epochs.get(epochs.size() - 1);
    }
}
