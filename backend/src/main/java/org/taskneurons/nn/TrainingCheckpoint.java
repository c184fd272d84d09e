package org.taskneurons.nn;

import java.util.Objects;

/**
 * Where a training run stood after an epoch: its parameters in the block's order, the
 * optimizer's state (first and second moments or the momentum buffer, the step count), whether
 * a step with a non-zero gradient was taken yet, and the path that trained it. A run continued
 * from it with {@link Training.Builder#optResume} trains on, on the same path, as if it had
 * never stopped: its row orders are replayed from the seed, so the continued run equals one
 * that ran all its epochs at once, bit for bit on a CPU.
 *
 * <p>The buffers are the path's own: the fused path's momentum buffer is PyTorch's, DJL's
 * kernel keeps it multiplied by the learning rate. A DJL checkpoint holds float32 values
 * widened to double, so writing them back gives the same floats.
 *
 * @param epochs        epochs trained so far, at least 1
 * @param parameters    the network's parameters
 * @param first         the optimizer's first buffer, as long as {@code parameters}
 * @param second        the optimizer's second buffer, as long as {@code parameters}
 * @param steps         optimizer steps taken
 * @param gradientsSeen whether a step with a non-zero gradient was taken
 * @param engine        the path that trained it, {@link TrainingEngine#FUSED} or {@link TrainingEngine#DJL};
 *                      null reads as fused, the only path that kept checkpoints before DJL did
 */
public record TrainingCheckpoint(int epochs, double[] parameters, double[] first, double[] second, int steps,
        boolean gradientsSeen, TrainingEngine engine) {

    public TrainingCheckpoint {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1: " + epochs);
        }
        Objects.requireNonNull(parameters, "parameters");
        if (first.length != parameters.length || second.length != parameters.length) {
            throw new IllegalArgumentException("optimizer buffers of " + first.length + " and " + second.length
                    + " values for " + parameters.length + " parameters");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be at least 0: " + steps);
        }
        if (engine == null) {
            engine = TrainingEngine.FUSED;
        } else if (engine == TrainingEngine.AUTO) {
            throw new IllegalArgumentException("a checkpoint's engine is the path that trained it, fused or djl: auto");
        }
        parameters = parameters.clone();
        first = first.clone();
        second = second.clone();
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public double[] first() {
        return first.clone();
    }

    @Override
    public double[] second() {
        return second.clone();
    }
}
