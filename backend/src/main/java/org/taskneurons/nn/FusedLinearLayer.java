package org.taskneurons.nn;

/**
 * {@link FusedLinear} for one trial: x (rows, inputs), W (units, inputs) at {@code weight}, b
 * (units) at {@code bias}, or no bias where {@code bias} is negative.
 */
final class FusedLinearLayer implements FusedLinear {
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

    @Override
    public int inputs() {
        return inputs;
    }

    @Override
    public int units() {
        return units;
    }

    @Override
    public void forward(double[] p, double[] x, int rows, double[] z) {
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < units; o++) {
                z[r * units + o] = neuron(p, x, r, o);
            }
        }
    }

    @Override
    public void addForward(double[] p, double[] x, int rows, double[] z) {
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
