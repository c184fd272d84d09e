package org.taskneurons.nn;

import java.util.Arrays;

/**
 * z = x Wᵀ + b for K trials side by side (see {@link BatchedLayer}): W (units, inputs) from row
 * {@code weight}, b from row {@code bias}, or none where it is negative. The four interleaved
 * partial sums of {@link FusedLinearLayer} are kept per trial in rows the innermost loops run
 * along, so each trial sums in the same order and the JIT vectorizes over the trials.
 */
final class BatchedLinearLayer implements BatchedLayer {
    private final int inputs;
    private final int units;
    private final int weight;
    private final int bias;
    private final double[] s0;
    private final double[] s1;
    private final double[] s2;
    private final double[] s3;

    BatchedLinearLayer(int inputs, int units, int weight, int bias, int trials) {
        this.inputs = inputs;
        this.units = units;
        this.weight = weight;
        this.bias = bias;
        s0 = new double[trials];
        s1 = new double[trials];
        s2 = new double[trials];
        s3 = new double[trials];
    }

    /** A layer whose weight starts at row {@code offset} and whose bias follows it, the order of {@link LinearNeuronLayer}. */
    static BatchedLinearLayer at(int inputs, int units, int offset, int trials) {
        return new BatchedLinearLayer(inputs, units, offset, offset + units * inputs, trials);
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
    public void forward(double[][] p, double[][] x, int rows, double[][] z) {
        neurons(p, x, rows, z, false);
    }

    /** z += x Wᵀ (+ b): for layers that sum several linear parts. */
    void addForward(double[][] p, double[][] x, int rows, double[][] z) {
        neurons(p, x, rows, z, true);
    }

    private void neurons(double[][] p, double[][] x, int rows, double[][] z, boolean add) {
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < units; o++) {
                sums(p, x, r, o);
                double[] out = z[r * units + o];
                if (bias >= 0) {
                    neuron(p[bias + o], out, add);
                } else {
                    neuron(out, add);
                }
            }
        }
    }

    /** out = (or +=) b + ((s0 + s1) + (s2 + s3)). */
    private void neuron(double[] b, double[] out, boolean add) {
        double[] a = s0;
        double[] c = s1;
        double[] d = s2;
        double[] e = s3;
        for (int t = 0; t < out.length; t++) {
            double neuron = b[t] + ((a[t] + c[t]) + (d[t] + e[t]));
            out[t] = add ? out[t] + neuron : neuron;
        }
    }

    /** out = (or +=) 0.0 + ((s0 + s1) + (s2 + s3)), as the one-trial layer adds its missing bias. */
    private void neuron(double[] out, boolean add) {
        double[] a = s0;
        double[] c = s1;
        double[] d = s2;
        double[] e = s3;
        for (int t = 0; t < out.length; t++) {
            double neuron = 0.0 + ((a[t] + c[t]) + (d[t] + e[t]));
            out[t] = add ? out[t] + neuron : neuron;
        }
    }

    /**
     * The four partial sums of Σ_j W[o, j]·x[r, j] per trial, as {@link FusedLinearLayer} forms
     * them from 0; the first four products are added to 0.0 in the same pass that starts the sums.
     */
    private void sums(double[][] p, double[][] x, int r, int o) {
        double[] a = s0;
        double[] b = s1;
        double[] c = s2;
        double[] d = s3;
        int w = weight + o * inputs;
        int xRow = r * inputs;
        int j = 0;
        if (inputs < 4) {
            Arrays.fill(a, 0.0);
            Arrays.fill(b, 0.0);
            Arrays.fill(c, 0.0);
            Arrays.fill(d, 0.0);
        } else {
            double[] w0 = p[w];
            double[] w1 = p[w + 1];
            double[] w2 = p[w + 2];
            double[] w3 = p[w + 3];
            double[] x0 = x[xRow];
            double[] x1 = x[xRow + 1];
            double[] x2 = x[xRow + 2];
            double[] x3 = x[xRow + 3];
            for (int t = 0; t < a.length; t++) {
                a[t] = 0.0 + w0[t] * x0[t];
                b[t] = 0.0 + w1[t] * x1[t];
                c[t] = 0.0 + w2[t] * x2[t];
                d[t] = 0.0 + w3[t] * x3[t];
            }
            j = 4;
        }
        for (; j + 3 < inputs; j += 4) {
            double[] w0 = p[w + j];
            double[] w1 = p[w + j + 1];
            double[] w2 = p[w + j + 2];
            double[] w3 = p[w + j + 3];
            double[] x0 = x[xRow + j];
            double[] x1 = x[xRow + j + 1];
            double[] x2 = x[xRow + j + 2];
            double[] x3 = x[xRow + j + 3];
            for (int t = 0; t < a.length; t++) {
                a[t] += w0[t] * x0[t];
                b[t] += w1[t] * x1[t];
                c[t] += w2[t] * x2[t];
                d[t] += w3[t] * x3[t];
            }
        }
        for (; j < inputs; j++) {
            double[] w0 = p[w + j];
            double[] x0 = x[xRow + j];
            for (int t = 0; t < a.length; t++) {
                a[t] += w0[t] * x0[t];
            }
        }
    }

    /**
     * dW += dzᵀ x, db += Σ_rows dz, dx += dz W. Where a trial's dz is 0 the one-trial layer
     * skips the row; here it adds 0·x, which leaves every finite sum as it is.
     */
    @Override
    public void backward(double[][] p, double[][] x, int rows, double[][] dz, double[][] gradients, double[][] dx) {
        for (int r = 0; r < rows; r++) {
            int xRow = r * inputs;
            for (int o = 0; o < units; o++) {
                double[] d = dz[r * units + o];
                if (bias >= 0) {
                    addTo(gradients[bias + o], d);
                }
                int w = weight + o * inputs;
                for (int j = 0; j < inputs; j++) {
                    addProduct(gradients[w + j], d, x[xRow + j]);
                }
                if (dx != null) {
                    for (int j = 0; j < inputs; j++) {
                        addProduct(dx[xRow + j], d, p[w + j]);
                    }
                }
            }
        }
    }

    /** sum += values. */
    static void addTo(double[] sum, double[] values) {
        for (int t = 0; t < sum.length; t++) {
            sum[t] += values[t];
        }
    }

    /** sum += a ⊙ b. */
    static void addProduct(double[] sum, double[] a, double[] b) {
        for (int t = 0; t < sum.length; t++) {
            sum[t] += a[t] * b[t];
        }
    }
}
