package org.taskneurons.nn;

import java.util.Objects;

/**
 * How to train a network.
 *
 * @param optimizer      the update rule
 * @param learningRate   positive
 * @param epochs         passes over the training rows, at least 1
 * @param batchSize      rows per step, at least 1 (the last batch of an epoch may be smaller)
 * @param weightDecay    coupled L2 penalty λ (the gradient gets λ·w), at least 0
 * @param momentum       SGD's momentum in [0, 1); the other optimizers ignore it
 * @param patience       early stopping: stop after this many epochs without a lower validation
 *                       loss and restore the best parameters; 0 trains every epoch. Needs a
 *                       validation part
 * @param seed           seeds the initial weights and the shuffling of every epoch
 * @param initialization how the weights start
 * @param engine         who computes the steps: DJL, the fused path, or the faster of the two
 *                       for the network and device (auto)
 */
public record TrainingSettings(OptimizerKind optimizer, double learningRate, int epochs, int batchSize,
                               double weightDecay, double momentum, int patience, long seed,
                               Initialization initialization, TrainingEngine engine) {

    public TrainingSettings {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(initialization, "initialization");
        Objects.requireNonNull(engine, "engine");
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive and finite: " + learningRate);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1: " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and at least 0: " + weightDecay);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum out of range [0, 1): " + momentum);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be at least 0: " + patience);
        }
    }

    /**
     * Adam at 0.001, 100 epochs of batches of 32, no weight decay or early stopping, DJL's
     * initialization, seed 0, the engine chosen automatically.
     */
    public static TrainingSettings defaults() {
        return new TrainingSettings(OptimizerKind.ADAM, 1e-3, 100, 32, 0.0, 0.9, 0, 0L, Initialization.DJL_DEFAULT,
                TrainingEngine.AUTO);
    }

    public TrainingSettings withOptimizer(OptimizerKind value) {
        return new TrainingSettings(value, learningRate, epochs, batchSize, weightDecay, momentum, patience, seed,
                initialization, engine);
    }

    public TrainingSettings withLearningRate(double value) {
        return new TrainingSettings(optimizer, value, epochs, batchSize, weightDecay, momentum, patience, seed,
                initialization, engine);
    }

    public TrainingSettings withEpochs(int value) {
        return new TrainingSettings(optimizer, learningRate, value, batchSize, weightDecay, momentum, patience, seed,
                initialization, engine);
    }

    public TrainingSettings withBatchSize(int value) {
        return new TrainingSettings(optimizer, learningRate, epochs, value, weightDecay, momentum, patience, seed,
                initialization, engine);
    }

    public TrainingSettings withWeightDecay(double value) {
        return new TrainingSettings(optimizer, learningRate, epochs, batchSize, value, momentum, patience, seed,
                initialization, engine);
    }

    public TrainingSettings withMomentum(double value) {
        return new TrainingSettings(optimizer, learningRate, epochs, batchSize, weightDecay, value, patience, seed,
                initialization, engine);
    }

    public TrainingSettings withPatience(int value) {
        return new TrainingSettings(optimizer, learningRate, epochs, batchSize, weightDecay, momentum, value, seed,
                initialization, engine);
    }

    public TrainingSettings withSeed(long value) {
        return new TrainingSettings(optimizer, learningRate, epochs, batchSize, weightDecay, momentum, patience, value,
                initialization, engine);
    }

    public TrainingSettings withInitialization(Initialization value) {
        return new TrainingSettings(optimizer, learningRate, epochs, batchSize, weightDecay, momentum, patience, seed,
                value, engine);
    }

    public TrainingSettings withEngine(TrainingEngine value) {
        return new TrainingSettings(optimizer, learningRate, epochs, batchSize, weightDecay, momentum, patience, seed,
                initialization, value);
    }

    /** Whether training stops early on the validation loss. */
    public boolean stopsEarly() {
        return patience > 0;
    }
}
