package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link Network} on the fused path: the forward pass, the loss and the backward pass of a
 * mini-batch in plain Java over flat double arrays, with no call into the engine. For the
 * small networks of the paper a DJL step is almost all per-op overhead (about 30 native calls
 * of 5–10 µs for some 25 parameters); here a step costs its arithmetic.
 *
 * <p>All parameters lie in one flat array in the order of the DJL block's
 * {@code getParameters()}, so that they are read from an initialized block and written back
 * into it, after which the block predicts, saves and loads as if DJL had trained it. Doubles
 * rather than floats: in scalar Java code they cost the same, the arrays are tiny, and sums
 * of many small products lose less.
 *
 * <p>Activations are row-major (rows, width) with room for {@code capacity} rows. The loss is
 * the mean squared error over rows and outputs (regression) or the mean softmax cross-entropy
 * of the logits (classification), as in {@link MeanSquaredErrorLoss} and {@link CrossEntropyLoss}.
 * ({@link BatchedNetwork} is the same for K trials side by side.)
 * Not thread-safe: one network per training run.
 */
final class FusedNetwork {
    private final FusedLayer[] layers;
    private final HiddenActivation activation;
    private final boolean classification;
    private final int capacity;
    private final double[] parameters;
    private final double[] gradients;
    /** values[l]: the input of layer l (values[0] the rows fed in), values[L]: the network's output. */
    private final double[][] values;
    /** deltas[l]: dL/d(output of layer l) before the activation. */
    private final double[][] deltas;

    private FusedNetwork(Network network, Block block, int capacity, double[] parameters) {
        List<FusedLayer> list = new ArrayList<>();
        int offset = 0;
        int fanIn = network.inputs();
        for (Block child : block.getChildren().values()) {
            if (child instanceof NeuronLayer layer) {
                list.add(layer.fused(fanIn, offset, capacity));
                offset += Math.toIntExact(layer.parameterCount(fanIn));
                fanIn = layer.units();
            }
        }
        if (parameters.length != offset) {
            throw new IllegalStateException("the block has " + parameters.length + " parameters, its layers " + offset);
        }
        this.layers = list.toArray(FusedLayer[]::new);
        this.activation = network.structure().activation();
        this.classification = network.structure().output().isClassification();
        this.capacity = capacity;
        this.parameters = parameters;
        this.gradients = new double[parameters.length];
        values = new double[layers.length + 1][];
        deltas = new double[layers.length][];
        values[0] = new double[capacity * network.inputs()];
        for (int l = 0; l < layers.length; l++) {
            values[l + 1] = new double[capacity * layers[l].units()];
            deltas[l] = new double[capacity * layers[l].units()];
        }
    }

    /**
     * {@code network} with the current parameters of {@code block}, its initialized DJL block,
     * for batches of up to {@code capacity} rows.
     */
    static FusedNetwork of(Network network, Block block, int capacity) {
        return new FusedNetwork(network, block, capacity, read(block));
    }

    /** The parameters of {@code block}, an initialized DJL block, flat in its order. */
    static double[] read(Block block) {
        return FlatValues.of(block.getParameters().values().stream().map(Parameter::getArray).toList());
    }

    /** Writes the parameters into {@code block}, the block they were read from, in its data type. */
    void writeTo(Block block) {
        write(parameters, block);
    }

    /** Writes {@code parameters}, in the block's order, into {@code block} in its data type. */
    static void write(double[] parameters, Block block) {
        int at = 0;
        for (Parameter parameter : block.getParameters().values()) {
            NDArray array = parameter.getArray();
            try (NDArray values = FlatValues.slice(parameters, at, array)) {
                ParameterWrite.copy(values, array);
            }
            at += Math.toIntExact(array.size());
        }
    }

    /** The parameters, in the block's order; training updates them in place. */
    double[] parameters() {
        return parameters;
    }

    /** dL/dθ of the last {@link #lossAndGradients}, in the order of {@link #parameters()}. */
    double[] gradients() {
        return gradients;
    }

    /** The most rows one pass takes. */
    int capacity() {
        return capacity;
    }

    /** The buffer the caller fills with the rows of the next pass, (rows, inputs) row-major. */
    double[] input() {
        return values[0];
    }

    /** The outputs of the last pass, (rows, outputs) row-major: predictions or logits. */
    double[] output() {
        return values[layers.length];
    }

    /**
     * The mean loss of the rows in {@link #input()} against {@code targets} (regression values
     * or class ids), with its gradient with respect to every parameter in {@link #gradients()}.
     */
    double lossAndGradients(double[] targets, int rows) {
        forward(rows);
        double loss = loss(targets, rows, deltas[layers.length - 1]);
        Arrays.fill(gradients, 0.0);
        for (int l = layers.length - 1; l >= 0; l--) {
            double[] dx = null;
            if (l > 0) {
                dx = deltas[l - 1];
                Arrays.fill(dx, 0, rows * layers[l].inputs(), 0.0);
            }
            layers[l].backward(parameters, values[l], rows, deltas[l], gradients, dx);
            if (l > 0) {
                activationBackward(values[l], dx, rows * layers[l].inputs());
            }
        }
        return loss;
    }

    /** The mean loss of the rows in {@link #input()}; the outputs stay in {@link #output()}. */
    double loss(double[] targets, int rows) {
        forward(rows);
        return loss(targets, rows, null);
    }

    /** Classification: how many of the last pass's rows have their largest logit at their class. */
    int correct(double[] targets, int rows) {
        int classes = layers[layers.length - 1].units();
        double[] logits = output();
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[r * classes + c] > logits[r * classes + best]) {
                    best = c;
                }
            }
            correct += best == (int) targets[r] ? 1 : 0;
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

    private void activate(double[] z, int cells) {
        switch (activation) {
            case RELU -> {
                for (int i = 0; i < cells; i++) {
                    z[i] = Math.max(z[i], 0.0);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < cells; i++) {
                    z[i] = 1.0 / (1.0 + Math.exp(-z[i]));
                }
            }
            case TANH -> {
                for (int i = 0; i < cells; i++) {
                    z[i] = Math.tanh(z[i]);
                }
            }
        }
    }

    /** dL/dz from dL/dh, given the activation's outputs h = f(z) (ReLU passes where h > 0, as PyTorch's does). */
    private void activationBackward(double[] h, double[] delta, int cells) {
        switch (activation) {
            case RELU -> {
                for (int i = 0; i < cells; i++) {
                    delta[i] = h[i] > 0 ? delta[i] : 0.0;
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < cells; i++) {
                    delta[i] *= h[i] * (1 - h[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < cells; i++) {
                    delta[i] *= 1 - h[i] * h[i];
                }
            }
        }
    }

    /** The mean loss of the last pass; writes dL/d(output) into {@code delta} unless it is null. */
    private double loss(double[] targets, int rows, double[] delta) {
        return classification ? crossEntropy(targets, rows, delta) : squaredError(targets, rows, delta);
    }

    /** mean((ŷ − y)²) over rows and outputs; each row's one target is compared with all its outputs, as DJL broadcasts. */
    private double squaredError(double[] targets, int rows, double[] delta) {
        int outputs = layers[layers.length - 1].units();
        double[] predicted = output();
        double scale = 1.0 / ((double) rows * outputs);
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            double target = targets[r];
            for (int c = 0; c < outputs; c++) {
                int at = r * outputs + c;
                double error = predicted[at] - target;
                sum += error * error;
                if (delta != null) {
                    delta[at] = 2 * error * scale;
                }
            }
        }
        return sum * scale;
    }

    /** −mean_r log softmax(z_r)[y_r], by the log-sum-exp of the shifted logits; dL/dz = (softmax − one-hot) / rows. */
    private double crossEntropy(double[] targets, int rows, double[] delta) {
        int classes = layers[layers.length - 1].units();
        double[] logits = output();
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[row + c]);
            }
            double total = 0;
            for (int c = 0; c < classes; c++) {
                total += Math.exp(logits[row + c] - max);
            }
            double logTotal = Math.log(total) + max;
            int label = (int) targets[r];
            sum += logTotal - logits[row + label];
            if (delta != null) {
                for (int c = 0; c < classes; c++) {
                    int at = row + c;
                    delta[at] = (Math.exp(logits[at] - logTotal) - (c == label ? 1 : 0)) / rows;
                }
            }
        }
        return sum / rows;
    }
}
