package org.taskneurons.nn;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * K trials of one {@link Network} side by side on the fused path: {@link FusedNetwork}'s
 * forward pass, loss and backward pass, every value a row of K values, one per trial, in an
 * array of its own (see {@link BatchedLayer}). Parameter i of trial t is {@code parameters()[i][t]},
 * in the order of the DJL block's parameters; cell i of the activations (rows, width) row-major
 * is row i. Each trial's arithmetic is that of its own {@link FusedNetwork}, in the same order.
 * Not thread-safe: one network per batched run.
 */
final class BatchedNetwork {
    private final BatchedLayer[] layers;
    private final HiddenActivation activation;
    private final boolean classification;
    private final int capacity;
    private final int trials;
    private final double[][] parameters;
    private final double[][] gradients;
    /** values[l]: the input of layer l (values[0] the rows fed in), values[L]: the network's output. */
    private final double[][][] values;
    /** deltas[l]: dL/d(output of layer l) before the activation. */
    private final double[][][] deltas;
    private final double[] lossSums;
    private final double[] losses;

    /**
     * K trials of {@code network}, trial t with the current parameters of {@code blocks.get(t)},
     * its own initialized DJL block, for batches of up to {@code capacity} rows per trial.
     */
    BatchedNetwork(Network network, List<Block> blocks, int capacity) {
        this.trials = blocks.size();
        this.capacity = capacity;
        List<BatchedLayer> list = new ArrayList<>();
        int offset = 0;
        int fanIn = network.inputs();
        for (Block child : blocks.get(0).getChildren().values()) {
            if (child instanceof NeuronLayer layer) {
                list.add(layer.batched(fanIn, offset, capacity, trials));
                offset += Math.toIntExact(layer.parameterCount(fanIn));
                fanIn = layer.units();
            }
        }
        parameters = new double[offset][trials];
        for (int t = 0; t < trials; t++) {
            double[] own = FusedNetwork.read(blocks.get(t));
            if (own.length != offset) {
                throw new IllegalArgumentException("trial " + t + " has " + own.length + " parameters, its layers "
                        + offset);
            }
            for (int i = 0; i < offset; i++) {
                parameters[i][t] = own[i];
            }
        }
        this.layers = list.toArray(BatchedLayer[]::new);
        this.activation = network.structure().activation();
        this.classification = network.structure().output().isClassification();
        this.gradients = new double[offset][trials];
        this.lossSums = new double[trials];
        this.losses = new double[trials];
        values = new double[layers.length + 1][][];
        deltas = new double[layers.length][][];
        values[0] = BatchedLayer.rows(capacity * network.inputs(), trials);
        for (int l = 0; l < layers.length; l++) {
            values[l + 1] = BatchedLayer.rows(capacity * layers[l].units(), trials);
            deltas[l] = BatchedLayer.rows(capacity * layers[l].units(), trials);
        }
    }

    /** A copy of the parameters of one trial, in the block's order. */
    double[] trialParameters(int trial) {
        double[] own = new double[parameters.length];
        for (int i = 0; i < own.length; i++) {
            own[i] = parameters[i][trial];
        }
        return own;
    }

    /** Whether any gradient of trial {@code trial} in the last pass is not zero. */
    boolean hasGradient(int trial) {
        for (double[] gradient : gradients) {
            if (gradient[trial] != 0.0) {
                return true;
            }
        }
        return false;
    }

    /** The parameters, [count][trials] in the block's order; training updates them in place. */
    double[][] parameters() {
        return parameters;
    }

    /** dL/dθ of the last {@link #lossesAndGradients}, in the order of {@link #parameters()}. */
    double[][] gradients() {
        return gradients;
    }

    /** The most rows one pass takes per trial. */
    int capacity() {
        return capacity;
    }

    int trials() {
        return trials;
    }

    /** The rows the caller fills for the next pass, cell (row, input) row-major, one value per trial. */
    double[][] input() {
        return values[0];
    }

    /**
     * Every trial's mean loss of its rows in {@link #input()} against its {@code targets} (one
     * row of K per batch row), with every trial's gradients in {@link #gradients()}; the array
     * returned is reused by the next pass.
     */
    double[] lossesAndGradients(double[][] targets, int rows) {
        forward(rows);
        losses(targets, rows, deltas[layers.length - 1]);
        BatchedLayer.clear(gradients, gradients.length);
        for (int l = layers.length - 1; l >= 0; l--) {
            double[][] dx = null;
            if (l > 0) {
                dx = deltas[l - 1];
                BatchedLayer.clear(dx, rows * layers[l].inputs());
            }
            layers[l].backward(parameters, values[l], rows, deltas[l], gradients, dx);
            if (l > 0) {
                activationBackward(values[l], dx, rows * layers[l].inputs());
            }
        }
        return losses;
    }

    /** Every trial's mean loss of its rows in {@link #input()}; the array returned is reused by the next pass. */
    double[] losses(double[][] targets, int rows) {
        forward(rows);
        losses(targets, rows, null);
        return losses;
    }

    /** Classification: how many of trial {@code trial}'s rows in the last pass have their largest logit at their class. */
    int correct(double[][] targets, int rows, int trial) {
        int classes = layers[layers.length - 1].units();
        double[][] logits = values[layers.length];
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[r * classes + c][trial] > logits[r * classes + best][trial]) {
                    best = c;
                }
            }
            correct += best == (int) targets[r][trial] ? 1 : 0;
        }
        return correct;
    }

    private void forward(int rows) {
        if (rows > capacity) {
            throw new IllegalArgumentException(rows + " rows, room for " + capacity);
        }
        for (int l = 0; l < layers.length; l++) {
            layers[l].forward(parameters, values[l], rows, values[l + 1]);
            if (l < layers.length - 1) {
                activate(values[l + 1], rows * layers[l].units());
            }
        }
    }

    private void activate(double[][] z, int cells) {
        for (int i = 0; i < cells; i++) {
            double[] row = z[i];
            switch (activation) {
                case RELU -> {
                    for (int t = 0; t < row.length; t++) {
                        row[t] = Math.max(row[t], 0.0);
                    }
                }
                case SIGMOID -> {
                    for (int t = 0; t < row.length; t++) {
                        row[t] = 1.0 / (1.0 + Math.exp(-row[t]));
                    }
                }
                case TANH -> {
                    for (int t = 0; t < row.length; t++) {
                        row[t] = Math.tanh(row[t]);
                    }
                }
            }
        }
    }

    /** dL/dz from dL/dh, given the activation's outputs h = f(z), as {@link FusedNetwork} forms it. */
    private void activationBackward(double[][] h, double[][] delta, int cells) {
        for (int i = 0; i < cells; i++) {
            double[] out = h[i];
            double[] d = delta[i];
            switch (activation) {
                case RELU -> {
                    for (int t = 0; t < d.length; t++) {
                        d[t] = out[t] > 0 ? d[t] : 0.0;
                    }
                }
                case SIGMOID -> {
                    for (int t = 0; t < d.length; t++) {
                        d[t] *= out[t] * (1 - out[t]);
                    }
                }
                case TANH -> {
                    for (int t = 0; t < d.length; t++) {
                        d[t] *= 1 - out[t] * out[t];
                    }
                }
            }
        }
    }

    /** Every trial's mean loss of the last pass into {@link #losses}; writes dL/d(output) into {@code delta} unless it is null. */
    private void losses(double[][] targets, int rows, double[][] delta) {
        if (classification) {
            for (int t = 0; t < trials; t++) {
                losses[t] = crossEntropy(targets, rows, t, delta);
            }
        } else {
            squaredErrors(targets, rows, delta);
        }
    }

    /** Every trial's mean((ŷ − y)²) over rows and outputs, summed in {@link FusedNetwork}'s order, trials innermost. */
    private void squaredErrors(double[][] targets, int rows, double[][] delta) {
        int outputs = layers[layers.length - 1].units();
        double[][] predicted = values[layers.length];
        double scale = 1.0 / ((double) rows * outputs);
        double[] sums = lossSums;
        Arrays.fill(sums, 0.0);
        for (int r = 0; r < rows; r++) {
            double[] target = targets[r];
            for (int c = 0; c < outputs; c++) {
                double[] prediction = predicted[r * outputs + c];
                if (delta == null) {
                    for (int t = 0; t < sums.length; t++) {
                        double error = prediction[t] - target[t];
                        sums[t] += error * error;
                    }
                } else {
                    double[] d = delta[r * outputs + c];
                    for (int t = 0; t < sums.length; t++) {
                        double error = prediction[t] - target[t];
                        sums[t] += error * error;
                        d[t] = 2 * error * scale;
                    }
                }
            }
        }
        for (int t = 0; t < sums.length; t++) {
            losses[t] = sums[t] * scale;
        }
    }

    /** One trial's −mean_r log softmax(z_r)[y_r], as {@link FusedNetwork} forms it. */
    private double crossEntropy(double[][] targets, int rows, int trial, double[][] delta) {
        int classes = layers[layers.length - 1].units();
        double[][] logits = values[layers.length];
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[row + c][trial]);
            }
            double total = 0;
            for (int c = 0; c < classes; c++) {
                total += Math.exp(logits[row + c][trial] - max);
            }
            double logTotal = Math.log(total) + max;
            int label = (int) targets[r][trial];
            sum += logTotal - logits[row + label][trial];
            if (delta != null) {
                for (int c = 0; c < classes; c++) {
                    delta[row + c][trial] = (Math.exp(logits[row + c][trial] - logTotal) - (c == label ? 1 : 0)) / rows;
                }
            }
        }
        return sum / rows;
    }
}
