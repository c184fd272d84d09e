package org.taskneurons.nn;

/**
 * The epochs of K trials on one {@link FusedNetwork} of K trials side by side: each trial's
 * batches are gathered from its own rows in its own order into its lane of the network's
 * input, and every step is one forward and backward pass of all trials and one
 * {@link FusedOptimizer} step. All trials have as many training rows, and as many validation
 * rows, so that they take their steps together.
 *
 * <p>Each trial follows {@link TrainingPath}'s zero-gradient rule on its own gradients.
 */
final class BatchedPath {
    private final FusedNetwork network;
    private final FusedOptimizer optimizer;
    private final int batchSize;
    private final int inputs;
    private final int trials;
    private final RowMajor[] train;
    private final RowMajor[] validation;
    private final boolean classification;
    private final double[] batchTargets;
    private final boolean[] gradientsSeen;
    private boolean allSeen;

    BatchedPath(FusedNetwork network, FusedOptimizer optimizer, int batchSize, int inputs, RowMajor[] train,
                RowMajor[] validation, boolean classification) {
        this.network = network;
        this.optimizer = optimizer;
        this.batchSize = batchSize;
        this.inputs = inputs;
        this.trials = network.trials();
        this.train = train;
        this.validation = validation;
        this.classification = classification;
        this.batchTargets = new double[network.capacity() * trials];
        this.gradientsSeen = new boolean[trials];
    }

    /** One step per batch for every trial, trial t over its rows in {@code orders[t]}; each trial's mean loss per row. */
    double[] trainEpoch(int[][] orders) {
        int rows = orders[0].length;
        double[] lossSums = new double[trials];
        for (int from = 0; from < rows; from += batchSize) {
            int to = Math.min(rows, from + batchSize);
            for (int t = 0; t < trials; t++) {
                gather(t, train[t], orders[t], from, to);
            }
            double[] losses = network.lossesAndGradients(batchTargets, to - from);
            for (int t = 0; t < trials; t++) {
                lossSums[t] += losses[t] * (to - from);
            }
            update();
        }
        for (int t = 0; t < trials; t++) {
            lossSums[t] /= rows;
        }
        return lossSums;
    }

    /**
     * Puts rows {@code order[from..to)} of {@code data} (rows from..to themselves where
     * {@code order} is null) into trial t's lane of the network's input and of the targets.
     */
    private void gather(int t, RowMajor data, int[] order, int from, int to) {
        double[] input = network.input();
        double[] features = data.features();
        for (int i = from; i < to; i++) {
            int row = order != null ? order[i] : i;
            int at = (i - from) * inputs * trials + t;
            for (int j = 0; j < inputs; j++) {
                input[at + j * trials] = features[row * inputs + j];
            }
            batchTargets[(i - from) * trials + t] = data.targets()[row];
        }
    }

    private void update() {
        if (allSeen) {
            optimizer.step(network.parameters(), network.gradients());
            return;
        }
        allSeen = true;
        for (int t = 0; t < trials; t++) {
            gradientsSeen[t] |= network.hasGradient(t);
            allSeen &= gradientsSeen[t];
        }
        optimizer.step(network.parameters(), network.gradients(), gradientsSeen);
    }

    /** Every trial's validation loss and metric (MSE, or accuracy for classification), [trial][loss, metric]. */
    double[][] validate() {
        int rows = validation[0].rows();
        int chunk = network.capacity();
        double[] lossSums = new double[trials];
        long[] correct = new long[trials];
        for (int from = 0; from < rows; from += chunk) {
            int to = Math.min(rows, from + chunk);
            for (int t = 0; t < trials; t++) {
                gather(t, validation[t], null, from, to);
            }
            double[] losses = network.losses(batchTargets, to - from);
            for (int t = 0; t < trials; t++) {
                lossSums[t] += losses[t] * (to - from);
                if (classification) {
                    correct[t] += network.correct(batchTargets, to - from, t);
                }
            }
        }
        double[][] scores = new double[trials][];
        for (int t = 0; t < trials; t++) {
            double loss = lossSums[t] / rows;
            scores[t] = new double[] {loss, classification ? (double) correct[t] / rows : loss};
        }
        return scores;
    }
}
