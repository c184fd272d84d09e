package org.taskneurons.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.taskneurons.sr.Formula;
import org.taskneurons.sr.Op;

/**
 * {@link FusedTaskLayer} for K trials side by side (see {@link BatchedLayer}), the same
 * arithmetic in the same order per trial: terms without inner constants are features
 * contracted by a {@link BatchedLinearLayer}, terms with constants are evaluated per (row,
 * neuron, input, trial) by a {@link ScalarExpression}. The slopes g'(x) of the features are
 * formed only where the layer passes a gradient back to its input.
 */
final class BatchedTaskLayer implements BatchedLayer {
    private static final double[] NO_CONSTANTS = new double[0];

    private final int inputs;
    private final int units;
    private final int bias;
    private final List<Features> features = new ArrayList<>();
    private final List<ConstantTerm> constantTerms = new ArrayList<>();

    /** The layer of {@code formula} whose parameters start at row {@code offset} (see {@link TaskLayerLayout#of}). */
    BatchedTaskLayer(Formula formula, boolean fusedLayout, int inputs, int units, int offset, int capacity, int trials) {
        this.inputs = inputs;
        this.units = units;
        TaskLayerLayout layout = TaskLayerLayout.of(formula, fusedLayout, inputs, units, offset);
        for (TaskLayerLayout.FeatureGroup group : layout.features()) {
            features.add(new Features(group, new BatchedLinearLayer(inputs * group.terms(), units, group.weight(), -1, trials),
                    capacity, trials));
        }
        for (TaskLayerLayout.ConstantGroup term : layout.constants()) {
            constantTerms.add(new ConstantTerm(term.expression(), term.weight(), term.thetas()));
        }
        bias = layout.bias();
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
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < units; o++) {
                System.arraycopy(p[bias + o], 0, z[r * units + o], 0, z[r * units + o].length);
            }
        }
        for (Features group : features) {
            group.compute(x, rows);
            group.linear.addForward(p, group.values, rows, z);
        }
        for (ConstantTerm term : constantTerms) {
            term.forward(p, x, rows, z);
        }
    }

    @Override
    public void backward(double[][] p, double[][] x, int rows, double[][] dz, double[][] gradients, double[][] dx) {
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < units; o++) {
                BatchedLinearLayer.addTo(gradients[bias + o], dz[r * units + o]);
            }
        }
        for (Features group : features) {
            group.backward(p, x, rows, dz, gradients, dx);
        }
        for (ConstantTerm term : constantTerms) {
            term.backward(p, x, rows, dz, gradients, dx);
        }
    }

    /** The values g_k(x_j) of terms without constants, side by side, and on the way back their slopes g_k'(x_j). */
    private final class Features {
        private final int[] powers;
        private final ScalarExpression[] expressions;
        private final BatchedLinearLayer linear;
        private final double[][] values;
        private final double[][] gradient;
        private final double[] slope;

        Features(TaskLayerLayout.FeatureGroup group, BatchedLinearLayer linear, int capacity, int trials) {
            powers = group.powers();
            expressions = group.expressions();
            this.linear = linear;
            values = BatchedLayer.rows(capacity * linear.inputs(), trials);
            gradient = BatchedLayer.rows(capacity * linear.inputs(), trials);
            slope = new double[trials];
        }

        void compute(double[][] x, int rows) {
            int width = linear.inputs();
            for (int k = 0; k < powers.length; k++) {
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < inputs; j++) {
                        double[] in = x[r * inputs + j];
                        double[] out = values[r * width + k * inputs + j];
                        if (expressions[k] != null) {
                            for (int t = 0; t < out.length; t++) {
                                out[t] = expressions[k].valueAndGradient(in[t], NO_CONSTANTS, NO_CONSTANTS);
                            }
                        } else {
                            power(in, powers[k], out);
                        }
                    }
                }
            }
        }

        /**
         * x^p multiplied out as {@link Op#power} does (1·x·x·…), as {@link FusedTaskLayer} forms
         * it; 1·x is x exactly, so the low powers take one pass.
         */
        private static void power(double[] x, int power, double[] out) {
            switch (power) {
                case 1 -> System.arraycopy(x, 0, out, 0, out.length);
                case 2 -> {
                    for (int t = 0; t < out.length; t++) {
                        out[t] = x[t] * x[t];
                    }
                }
                case 3 -> {
                    for (int t = 0; t < out.length; t++) {
                        out[t] = x[t] * x[t] * x[t];
                    }
                }
                default -> {
                    Arrays.fill(out, 1.0);
                    for (int m = 0; m < power; m++) {
                        for (int t = 0; t < out.length; t++) {
                            out[t] *= x[t];
                        }
                    }
                }
            }
        }

        /** g'(x) of feature k into {@link #slope}: p·x^(p−1), formed as {@link FusedTaskLayer} forms it. */
        private void slope(int k, double[] x) {
            if (expressions[k] != null) {
                for (int t = 0; t < slope.length; t++) {
                    expressions[k].valueAndGradient(x[t], NO_CONSTANTS, NO_CONSTANTS);
                    slope[t] = expressions[k].xDerivative();
                }
                return;
            }
            int p = powers[k];
            if (p <= 1) {
                Arrays.fill(slope, p);
                return;
            }
            Arrays.fill(slope, 1.0);
            for (int m = 0; m < p - 1; m++) {
                for (int t = 0; t < slope.length; t++) {
                    slope[t] *= x[t];
                }
            }
            for (int t = 0; t < slope.length; t++) {
                slope[t] = p * slope[t];
            }
        }

        void backward(double[][] p, double[][] x, int rows, double[][] dz, double[][] gradients, double[][] dx) {
            if (dx == null) {
                linear.backward(p, values, rows, dz, gradients, null);
                return;
            }
            int width = linear.inputs();
            BatchedLayer.clear(gradient, rows * width);
            linear.backward(p, values, rows, dz, gradients, gradient);
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < powers.length; k++) {
                    for (int j = 0; j < inputs; j++) {
                        slope(k, x[r * inputs + j]);
                        BatchedLinearLayer.addProduct(dx[r * inputs + j], gradient[r * width + k * inputs + j], slope);
                    }
                }
            }
        }
    }

    /** A term with constants: its weight W (units, inputs) at row {@code weight}, then one θ (units, inputs) per constant. */
    private final class ConstantTerm {
        private final ScalarExpression expression;
        private final int weight;
        private final int thetas;
        private final double[] theta;
        private final double[] thetaGradient;

        ConstantTerm(ScalarExpression expression, int weight, int thetas) {
            this.expression = expression;
            this.weight = weight;
            this.thetas = thetas;
            theta = new double[expression.constantCount()];
            thetaGradient = new double[expression.constantCount()];
        }

        void forward(double[][] p, double[][] x, int rows, double[][] z) {
            for (int o = 0; o < units; o++) {
                for (int j = 0; j < inputs; j++) {
                    int cell = o * inputs + j;
                    double[] w = p[weight + cell];
                    for (int t = 0; t < w.length; t++) {
                        readTheta(p, cell, t);
                        for (int r = 0; r < rows; r++) {
                            z[r * units + o][t] += w[t] * expression.value(x[r * inputs + j][t], theta);
                        }
                    }
                }
            }
        }

        void backward(double[][] p, double[][] x, int rows, double[][] dz, double[][] gradients, double[][] dx) {
            int matrix = units * inputs;
            for (int o = 0; o < units; o++) {
                for (int j = 0; j < inputs; j++) {
                    int cell = o * inputs + j;
                    double[] weights = p[weight + cell];
                    for (int t = 0; t < weights.length; t++) {
                        readTheta(p, cell, t);
                        double w = weights[t];
                        for (int r = 0; r < rows; r++) {
                            double d = dz[r * units + o][t];
                            int at = r * inputs + j;
                            double value = expression.valueAndGradient(x[at][t], theta, thetaGradient);
                            gradients[weight + cell][t] += d * value;
                            for (int k = 0; k < theta.length; k++) {
                                gradients[thetas + k * matrix + cell][t] += d * w * thetaGradient[k];
                            }
                            if (dx != null) {
                                dx[at][t] += d * w * expression.xDerivative();
                            }
                        }
                    }
                }
            }
        }

        private void readTheta(double[][] p, int cell, int trial) {
            int matrix = units * inputs;
            for (int k = 0; k < theta.length; k++) {
                theta[k] = p[thetas + k * matrix + cell][trial];
            }
        }
    }
}
