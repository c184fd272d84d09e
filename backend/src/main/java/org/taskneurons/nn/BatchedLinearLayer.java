package org.taskneurons.nn;

import java.util.Arrays;

/**
 * {@link FusedLinear} for K trials side by side (see {@link FusedLayer}): W (units, inputs) at
 * {@code weight}, b at {@code bias} or none where it is negative. The four interleaved partial
 * sums of {@link FusedLinearLayer} are kept per trial in arrays the innermost loops run along,
 * so each trial sums in the same order and the JIT vectorizes over the trials.
 */
final class BatchedLinearLayer implements FusedLinear {
    private final int inputs;
    private final int units;
    private final int weight;
    private final int bias;
    private final int trials;
    private final double[] s0;
    private final double[] s1;
    private final double[] s2;
    private final double[] s3;

    BatchedLinearLayer(int inputs, int units, int weight, int bias, int trials) {
        this.inputs = inputs;
        this.units = units;
        this.weight = weight;
        this.bias = bias;
        this.trials = trials;
        s0 = new double[trials];
        s1 = new double[trials];
        s2 = new double[trials];
        s3 = new double[trials];
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
        neurons(p, x, rows, z, false);
    }

    @Override
    public void addForward(double[] p, double[] x, int rows, double[] z) {
        neurons(p, x, rows, z, true);
    }

    private void neurons(double[] p, double[] x, int rows, double[] z, boolean add) {
        int k = trials;
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < units; o++) {
                sums(p, x, r, o);
                int at = (r * units + o) * k;
                int b = (bias + o) * k;
                for (int t = 0; t < k; t++) {
                    double neuron = (bias >= 0 ? p[b + t] : 0.0) + ((s0[t] + s1[t]) + (s2[t] + s3[t]));
                    z[at + t] = add ? z[at + t] + neuron : neuron;
                }
            }
        }
    }

    /** The four partial sums of Σ_j W[o, j]·x[r, j] per trial, as {@link FusedLinearLayer} forms them. */
    private void sums(double[] p, double[] x, int r, int o) {
        int k = trials;
        Arrays.fill(s0, 0.0);
        Arrays.fill(s1, 0.0);
        Arrays.fill(s2, 0.0);
        Arrays.fill(s3, 0.0);
        int w = (weight + o * inputs) * k;
        int xRow = r * inputs * k;
        int j = 0;
        for (; j + 3 < inputs; j += 4) {
            int wj = w + j * k;
            int xj = xRow + j * k;
            for (int t = 0; t < k; t++) {
                s0[t] += p[wj + t] * x[xj + t];
                s1[t] += p[wj + k + t] * x[xj + k + t];
                s2[t] += p[wj + 2 * k + t] * x[xj + 2 * k + t];
                s3[t] += p[wj + 3 * k + t] * x[xj + 3 * k + t];
            }
        }
        for (; j < inputs; j++) {
            int wj = w + j * k;
            int xj = xRow + j * k;
            for (int t = 0; t < k; t++) {
                s0[t] += p[wj + t] * x[xj + t];
            }
        }
    }

    /**
     * dW += dzᵀ x, db += Σ_rows dz, dx += dz W. Where a trial's dz is 0 the single-trial layer
     * skips the row; here it adds 0·x, which leaves every finite sum as it is.
     */
    @Override
    public void backward(double[] p, double[] x, int rows, double[] dz, double[] gradients, double[] dx) {
        int k = trials;
        for (int r = 0; r < rows; r++) {
            int xRow = r * inputs * k;
            for (int o = 0; o < units; o++) {
                int d = (r * units + o) * k;
                if (bias >= 0) {
                    int b = (bias + o) * k;
                    for (int t = 0; t < k; t++) {
                        gradients[b + t] += dz[d + t];
                    }
                }
                int w = (weight + o * inputs) * k;
                for (int j = 0; j < inputs; j++) {
                    int wj = w + j * k;
                    int xj = xRow + j * k;
                    for (int t = 0; t < k; t++) {
                        gradients[wj + t] += dz[d + t] * x[xj + t];
                    }
                }
                if (dx != null) {
                    for (int j = 0; j < inputs; j++) {
                        int wj = w + j * k;
                        int xj = xRow + j * k;
                        for (int t = 0; t < k; t++) {
                            dx[xj + t] += dz[d + t] * p[wj + t];
                        }
                    }
                }
            }
        }
    }
}
