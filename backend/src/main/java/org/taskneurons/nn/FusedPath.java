package org.taskneurons.nn;

import org.taskneurons.data.Dataset;

/**
 * Training on the fused path: batches are gathered from row-major copies of the data into the
 * {@link FusedNetwork}'s input, and every step is a forward and backward pass and one
 * {@link FusedOptimizer} step, all in Java.
 *
 * <p>Steps follow {@link TrainingPath}'s zero-gradient rule, as on the DJL path.
 */
final class FusedPath implements TrainingPath {
    private final FusedNetwork network;
    private final FusedOptimizer optimizer;
    private final int batchSize;
    private final int inputs;
    private final RowMajor train;
    private final RowMajor validation;
    private final boolean classification;
    private final double[] batchTargets;
    private boolean gradientsSeen;
    private double[] best;

    FusedPath(FusedNetwork network, FusedOptimizer optimizer, int batchSize, Dataset train, Dataset validation) {
        this.network = network;
        this.optimizer = optimizer;
        this.batchSize = batchSize;
        this.inputs = train.featureCount();
        this.train = RowMajor.of(train);
        this.validation = validation.rows() > 0 ? RowMajor.of(validation) : null;
        this.classification = train.isClassification();
        this.batchTargets = new double[network.capacity()];
    }

    @Override
    public double trainEpoch(int[] order) {
        int rows = order.length;
        double lossSum = 0;
        for (int from = 0; from < rows; from += batchSize) {
            int to = Math.min(rows, from + batchSize);
            double[] input = network.input();
            for (int i = from; i < to; i++) {
                int row = order[i];
                System.arraycopy(train.features(), row * inputs, input, (i - from) * inputs, inputs);
                batchTargets[i - from] = train.targets()[row];
            }
            lossSum += network.lossAndGradients(batchTargets, to - from) * (to - from);
            update();
        }
        return lossSum / rows;
    }

    private void update() {
        if (!gradientsSeen) {
            for (double gradient : network.gradients()) {
                gradientsSeen |= gradient != 0.0;
            }
            if (!gradientsSeen) {
                return;
            }
        }
        optimizer.step(network.parameters(), network.gradients());
    }

    @Override
    public void restore(TrainingCheckpoint checkpoint) {
        if (checkpoint.parameters().length != network.parameters().length) {
            throw new IllegalArgumentException("a checkpoint of " + checkpoint.parameters().length
                    + " parameters for a network of " + network.parameters().length);
        }
        System.arraycopy(checkpoint.parameters(), 0, network.parameters(), 0, network.parameters().length);
        optimizer.restore(checkpoint);
        gradientsSeen = checkpoint.gradientsSeen();
    }

    @Override
    public TrainingCheckpoint checkpoint(int epochs) {
        return optimizer.checkpoint(epochs, network.parameters(), gradientsSeen);
    }

    @Override
    public double[] validate() {
        int rows = validation.rows();
        int chunk = network.capacity();
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < rows; from += chunk) {
            int to = Math.min(rows, from + chunk);
            System.arraycopy(validation.features(), from * inputs, network.input(), 0, (to - from) * inputs);
            System.arraycopy(validation.targets(), from, batchTargets, 0, to - from);
            lossSum += network.loss(batchTargets, to - from) * (to - from);
            if (classification) {
                correct += network.correct(batchTargets, to - from);
            }
        }
        double loss = lossSum / rows;
        return new double[] {loss, classification ? (double) correct / rows : loss};
    }

    @Override
    public void keepBest() {
        best = network.parameters().clone();
    }

    @Override
    public void restoreBest() {
        System.arraycopy(best, 0, network.parameters(), 0, best.length);
    }
}
