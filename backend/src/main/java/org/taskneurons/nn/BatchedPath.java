package org.taskneurons.nn;

import java.util.Arrays;

/**
 * The epochs of K trials on one {@link BatchedNetwork}: each trial's batches are gathered from
 * its own rows in its own order into its lane of the network's input, and every step is one
 * forward and backward pass of all trials and one {@link BatchedOptimizer} step. All trials
 * have as many training rows, and as many validation rows, so that they take their steps
 * together.
 *
 * <p>Each trial follows {@link TrainingPath}'s zero-gradient rule on its own gradients.
 */
final class BatchedPath {
    private final BatchedNetwork network;
    private final BatchedOptimizer optimizer;
    private final int batchSize;
    private final int inputs;
    private final int trials;
    /** Per trial: its training rows' features (rows, inputs) and targets, and its validation rows' the same way. */
    private final double[][] trainFeatures;
    private final double[][] trainTargets;
    private final double[][] validationFeatures;
    private final double[][] validationTargets;
    private final int validationRows;
    private final boolean classification;
    private final double[][] batchTargets;
    private final boolean[] gradientsSeen;
    /** Per trial: where its row of the batch row being gathered starts in its features. */
    private final int[] starts;
    private boolean allSeen;

    BatchedPath(BatchedNetwork network, BatchedOptimizer optimizer, int batchSize, int inputs, RowMajor[] train,
                RowMajor[] validation, boolean classification) {
        this.network = network;
        this.optimizer = optimizer;
        this.batchSize = batchSize;
        this.inputs = inputs;
        this.trials = network.trials();
        this.trainFeatures = Arrays.stream(train).map(RowMajor::features).toArray(double[][]::new);
        this.trainTargets = Arrays.stream(train).map(RowMajor::targets).toArray(double[][]::new);
        this.validationFeatures = Arrays.stream(validation).map(RowMajor::features).toArray(double[][]::new);
        this.validationTargets = Arrays.stream(validation).map(RowMajor::targets).toArray(double[][]::new);
        this.validationRows = validation[0].rows();
        this.classification = classification;
        this.batchTargets = BatchedLayer.rows(network.capacity(), trials);
        this.gradientsSeen = new boolean[trials];
        this.starts = new int[trials];
    }

    /** One step per batch for every trial, trial t over its rows in {@code orders[t]}; each trial's mean loss per row. */
    double[] trainEpoch(int[][] orders) {
        int rows = orders[0].length;
        double[] lossSums = new double[trials];
        for (int from = 0; from < rows; from += batchSize) {
            int to = Math.min(rows, from + batchSize);
            gather(trainFeatures, trainTargets, orders, from, to);
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
     * Puts rows {@code orders[t][from..to)} of trial t's {@code features} and {@code targets}
     * (rows from..to themselves where {@code orders} is null) into trial t's lane of the
     * network's input and of the targets, for every trial. The loop over trials is innermost: each cell's row of K values is written
     * in one sweep, while the K source rows stay in the cache across the row's inputs.
     */
    private void gather(double[][] features, double[][] targets, int[][] orders, int from, int to) {
        double[][] input = network.input();
        for (int i = from; i < to; i++) {
            double[] target = batchTargets[i - from];
            for (int t = 0; t < trials; t++) {
                int row = orders != null ? orders[t][i] : i;
                starts[t] = row * inputs;
                target[t] = targets[t][row];
            }
            int at = (i - from) * inputs;
            for (int j = 0; j < inputs; j++) {
                double[] cell = input[at + j];
                for (int t = 0; t < trials; t++) {
                    cell[t] = features[t][starts[t] + j];
                }
            }
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
        int rows = validationRows;
        int chunk = network.capacity();
        double[] lossSums = new double[trials];
        long[] correct = new long[trials];
        for (int from = 0; from < rows; from += chunk) {
            int to = Math.min(rows, from + chunk);
            gather(validationFeatures, validationTargets, null, from, to);
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
