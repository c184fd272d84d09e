package org.taskneurons.nn;

/**
 * z = x Wᵀ + b on the fused path: x (rows, inputs), W (units, inputs) at {@code weight}, b
 * (units) at {@code bias}, or no bias where {@code bias} is negative. The building block of
 * the other fused layers: a quadratic neuron is three of them, a task-based layer one over its
 * stacked term features.
 */
final class FusedLinearLayer implements FusedLayer {
    private final int inputs;
    private final int units;
    private final int weight;
    private final int bias;

    FusedLinearLayer(int inputs, int units, int weight, int bias) {
        this.inputs = inputs;
        this.units = units;
        this.weight = weight;
        this.bias = bias;
    }

    /** A layer whose weight starts at {@code offset} and whose bias follows it, the order of {@link LinearNeuronLayer}. */
    static FusedLinearLayer at(int inputs, int units, int offset) {
        return new FusedLinearLayer(inputs, units, offset, offset + units * inputs);
    }

    @Override
    public int inputs() {
        return inputs;
    }

    @Override
    public int units() {
        return units;
    }

    /** The number of parameters: the weight and the bias, if any. */
    int parameterCount() {
        return units * inputs + (bias >= 0 ? units : 0);
    }

    @Override
    public void forward(double[] p, double[] x, int rows, double[] z) {
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < units; o++) {
                z[r * units + o] = neuron(p, x, r, o);
            }
        }
    }

    /** z += x Wᵀ (+ b): for layers that sum several linear parts. */
    void addForward(double[] p, double[] x, int rows, double[] z) {
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < units; o++) {
                z[r * units + o] += neuron(p, x, r, o);
            }
        }
    }

    /**
     * b_o + Σ_j W[o, j]·x[r, j], summed in four interleaved parts: one running sum would make
     * every addition wait for the previous one.
     */
    private double neuron(double[] p, double[] x, int r, int o) {
        int w = weight + o * inputs;
        int xRow = r * inputs;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < inputs; j += 4) {
            s0 += p[w + j] * x[xRow + j];
            s1 += p[w + j + 1] * x[xRow + j + 1];
            s2 += p[w + j + 2] * x[xRow + j + 2];
            s3 += p[w + j + 3] * x[xRow + j + 3];
        }
        for (; j < inputs; j++) {
            s0 += p[w + j] * x[xRow + j];
        }
        return (bias >= 0 ? p[bias + o] : 0.0) + ((s0 + s1) + (s2 + s3));
    }

    /** dW += dzᵀ x, db += Σ_rows dz, dx += dz W. */
    @Override
    public void backward(double[] p, double[] x, int rows, double[] dz, double[] gradients, double[] dx) {
        for (int r = 0; r < rows; r++) {
            int xRow = r * inputs;
            int zRow = r * units;
            for (int o = 0; o < units; o++) {
                double d = dz[zRow + o];
                if (d == 0.0) {
                    continue;
                }
                if (bias >= 0) {
                    gradients[bias + o] += d;
                }
                int w = weight + o * inputs;
                for (int j = 0; j < inputs; j++) {
                    gradients[w + j] += d * x[xRow + j];
                }
                if (dx != null) {
                    for (int j = 0; j < inputs; j++) {
                        dx[xRow + j] += d * p[w + j];
                    }
                }
            }
        }
    }
}
