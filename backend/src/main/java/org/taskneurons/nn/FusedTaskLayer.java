package org.taskneurons.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.taskneurons.sr.Formula;
import org.taskneurons.sr.Op;

/**
 * {@link TaskNeuronLayer} on the fused path: z_o = b_o + Σ_t Σ_j W_t[o, j] · g_t(x_j; θ_t[o, j]).
 *
 * <p>Terms without inner constants are features: g_t(x) (rows, inputs) is computed once for
 * all neurons and contracted with W_t by a {@link FusedLinearLayer}; for the block's fused
 * polynomial layout all terms form one feature matrix [x^{p_1}, …, x^{p_T}] (rows, inputs·T)
 * with one weight, as in the block. Terms with inner constants are evaluated per
 * (row, neuron, input) by a {@link ScalarExpression}, which also gives ∂g/∂θ and ∂g/∂x.
 */
final class FusedTaskLayer implements FusedLayer {
    private static final double[] NO_CONSTANTS = new double[0];

    private final int inputs;
    private final int units;
    private final int bias;
    private final List<Features> features = new ArrayList<>();
    private final List<ConstantTerm> constantTerms = new ArrayList<>();

    /** The layer of {@code formula} whose parameters start at {@code offset} (see {@link TaskLayerLayout#of}). */
    FusedTaskLayer(Formula formula, boolean fusedLayout, int inputs, int units, int offset, int capacity) {
        this.inputs = inputs;
        this.units = units;
        TaskLayerLayout layout = TaskLayerLayout.of(formula, fusedLayout, inputs, units, offset);
        for (TaskLayerLayout.FeatureGroup group : layout.features()) {
            features.add(new Features(group, FusedLinear.of(inputs * group.terms(), units, group.weight(), -1), capacity));
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
    public void forward(double[] p, double[] x, int rows, double[] z) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(p, bias, z, r * units, units);
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
    public void backward(double[] p, double[] x, int rows, double[] dz, double[] gradients, double[] dx) {
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < units; o++) {
                gradients[bias + o] += dz[r * units + o];
            }
        }
        for (Features group : features) {
            group.backward(p, rows, dz, gradients, dx);
        }
        for (ConstantTerm term : constantTerms) {
            term.backward(p, x, rows, dz, gradients, dx);
        }
    }

    /** The values g_k(x_j) of terms without constants, side by side, and their slopes g_k'(x_j). */
    private final class Features {
        private final int[] powers;
        private final ScalarExpression[] expressions;
        private final FusedLinear linear;
        private final double[] values;
        private final double[] slopes;
        private final double[] gradient;

        Features(TaskLayerLayout.FeatureGroup group, FusedLinear linear, int capacity) {
            powers = group.powers();
            expressions = group.expressions();
            this.linear = linear;
            values = new double[capacity * linear.inputs()];
            slopes = new double[capacity * linear.inputs()];
            gradient = new double[capacity * linear.inputs()];
        }

        void compute(double[] x, int rows) {
            int width = linear.inputs();
            int cells = inputs;
            for (int k = 0; k < powers.length; k++) {
                for (int r = 0; r < rows; r++) {
                    int from = r * cells;
                    int at = r * width + k * inputs;
                    if (expressions[k] != null) {
                        for (int i = 0; i < cells; i++) {
                            values[at + i] = expressions[k].valueAndGradient(x[from + i], NO_CONSTANTS, NO_CONSTANTS);
                            slopes[at + i] = expressions[k].xDerivative();
                        }
                    } else {
                        power(x, from, powers[k], at, cells);
                    }
                }
            }
        }

        /**
         * x^p and p·x^(p−1) of {@code cells} values, multiplied out as {@link Op#power} does
         * (1·x·x·…), one factor at a time over all cells of a row so that the loops vectorize.
         */
        private void power(double[] x, int from, int power, int at, int cells) {
            if (power == 1) {
                System.arraycopy(x, from, values, at, cells);
                Arrays.fill(slopes, at, at + cells, 1.0);
                return;
            }
            Arrays.fill(values, at, at + cells, 1.0);
            if (power == 0) {
                Arrays.fill(slopes, at, at + cells, 0.0);
            }
            for (int m = 0; m < power; m++) {
                if (m == power - 1) {
                    for (int i = 0; i < cells; i++) {
                        slopes[at + i] = power * values[at + i];
                    }
                }
                for (int i = 0; i < cells; i++) {
                    values[at + i] *= x[from + i];
                }
            }
        }

        void backward(double[] p, int rows, double[] dz, double[] gradients, double[] dx) {
            if (dx == null) {
                linear.backward(p, values, rows, dz, gradients, null);
                return;
            }
            int width = linear.inputs();
            Arrays.fill(gradient, 0, rows * width, 0.0);
            linear.backward(p, values, rows, dz, gradients, gradient);
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < powers.length; k++) {
                    for (int i = 0; i < inputs; i++) {
                        int at = r * width + k * inputs + i;
                        dx[r * inputs + i] += gradient[at] * slopes[at];
                    }
                }
            }
        }
    }

    /** A term with constants: its weight W (units, inputs) at {@code weight}, then one θ (units, inputs) per constant. */
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

        void forward(double[] p, double[] x, int rows, double[] z) {
            for (int o = 0; o < units; o++) {
                for (int j = 0; j < inputs; j++) {
                    int cell = o * inputs + j;
                    readTheta(p, cell);
                    double w = p[weight + cell];
                    for (int r = 0; r < rows; r++) {
                        z[r * units + o] += w * expression.value(x[r * inputs + j], theta);
                    }
                }
            }
        }

        void backward(double[] p, double[] x, int rows, double[] dz, double[] gradients, double[] dx) {
            int matrix = units * inputs;
            for (int o = 0; o < units; o++) {
                for (int j = 0; j < inputs; j++) {
                    int cell = o * inputs + j;
                    readTheta(p, cell);
                    double w = p[weight + cell];
                    for (int r = 0; r < rows; r++) {
                        double d = dz[r * units + o];
                        int at = r * inputs + j;
                        double value = expression.valueAndGradient(x[at], theta, thetaGradient);
                        gradients[weight + cell] += d * value;
                        for (int k = 0; k < theta.length; k++) {
                            gradients[thetas + k * matrix + cell] += d * w * thetaGradient[k];
                        }
                        if (dx != null) {
                            dx[at] += d * w * expression.xDerivative();
                        }
                    }
                }
            }
        }

        private void readTheta(double[] p, int cell) {
            int matrix = units * inputs;
            for (int k = 0; k < theta.length; k++) {
                theta[k] = p[thetas + k * matrix + cell];
            }
        }
    }
}
