package org.taskneurons.sr;

import java.util.Arrays;

/**
 * The numbers a search runs on: m input columns of n rows each, column-major
 * ({@code inputs[j][i]} is input j of row i), and the target y.
 *
 * <p>Validation is eager and names the column and row of the first bad value, because the
 * engine cannot recover from them: an empty set, NaN or infinite values, columns of different
 * lengths, or a constant target (which every formula fits, so there is nothing to discover).
 *
 * <p>The arrays are owned by this object after construction (not copied: data sets are large);
 * callers must not modify them afterwards.
 */
public final class SearchData {
    private final double[][] inputs;
    private final double[] target;
    private final String[] inputNames;
    private final String targetName;
    private final double targetMean;
    private double[][] powerSums = new double[1][];

    private SearchData(double[][] inputs, double[] target, String[] inputNames, String targetName) {
        this.inputs = inputs;
        this.target = target;
        this.inputNames = inputNames;
        this.targetName = targetName;
        double sum = 0;
        for (double v : target) {
            sum += v;
        }
        this.targetMean = sum / target.length;
    }

    /** Data with inputs named x1..xm and the target named y. */
    public static SearchData of(double[][] inputs, double[] target) {
        String[] names = new String[inputs.length];
        Arrays.setAll(names, j -> "x" + (j + 1));
        return of(inputs, target, names, "y");
    }

    /** Validated data; names are used in error messages only. */
    public static SearchData of(double[][] inputs, double[] target, String[] inputNames, String targetName) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("no input columns");
        }
        if (inputNames.length != inputs.length) {
            throw new IllegalArgumentException("input names: " + inputNames.length + " names for " + inputs.length + " columns");
        }
        if (target.length == 0) {
            throw new IllegalArgumentException("no rows: the data set is empty");
        }
        for (int j = 0; j < inputs.length; j++) {
            if (inputs[j].length != target.length) {
                throw new IllegalArgumentException("column '" + inputNames[j] + "' has " + inputs[j].length
                        + " rows but target '" + targetName + "' has " + target.length);
            }
            requireFinite(inputs[j], inputNames[j]);
        }
        requireFinite(target, targetName);
        requireVarying(target, targetName);
        return new SearchData(inputs, target, inputNames.clone(), targetName);
    }

    private static void requireFinite(double[] column, String name) {
        for (int i = 0; i < column.length; i++) {
            if (!Double.isFinite(column[i])) {
                throw new IllegalArgumentException("column '" + name + "', row " + (i + 1) + ": value is " + column[i]
                        + " (NaN and infinite values cannot be fitted)");
            }
        }
    }

    private static void requireVarying(double[] target, String name) {
        for (double v : target) {
            if (v != target[0]) {
                return;
            }
        }
        throw new IllegalArgumentException("target '" + name + "' is constant (" + target[0]
                + " in every row): there is no formula to discover");
    }

    public int rows() {
        return target.length;
    }

    /** Number of input variables m, each passed through the same g. */
    public int inputCount() {
        return inputs.length;
    }

    /** Column j (not copied). */
    public double[] input(int j) {
        return inputs[j];
    }

    double[][] inputs() {
        return inputs;
    }

    /** The target (not copied). */
    public double[] target() {
        return target;
    }

    public String targetName() {
        return targetName;
    }

    public String inputName(int j) {
        return inputNames[j];
    }

    double targetMean() {
        return targetMean;
    }

    /**
     * F(i) = Σ_j g(x_ij) of one term, from the power sums when g is a power of x; null when it is
     * NaN or infinite on some row.
     */
    double[] termSums(Expr term, Evaluator evaluator) {
        double[] out = new double[rows()];
        if (term instanceof Expr.Var || term instanceof Expr.Unary u && u.op() == Op.POW && u.arg() instanceof Expr.Var) {
            int power = term instanceof Expr.Unary u ? u.exponent() : 1;
            System.arraycopy(powerSums(power)[power], 0, out, 0, out.length);
        } else {
            Program program = Program.of(term);
            if (!evaluator.sumOverInputs(program, program.root(), inputs, out)) {
                return null;
            }
        }
        double squares = 0;
        for (double v : out) {
            squares += v * v;
        }
        return Double.isFinite(squares) ? out : null;
    }

    /**
     * The power sums s_k(i) = Σ_j x_ij^k for k = 0..degree (s_0 = m), computed once per data set.
     * A tree over +, −, × and neg is a polynomial in x, so its vectorized value is a combination
     * of these columns and never needs the inputs again.
     */
    synchronized double[][] powerSums(int degree) {
        if (powerSums.length <= degree) {
            powerSums = computePowerSums(degree);
        }
        return powerSums;
    }

    private double[][] computePowerSums(int degree) {
        int n = rows();
        double[][] sums = new double[degree + 1][n];
        Arrays.fill(sums[0], inputs.length);
        double[] power = new double[n];
        for (double[] column : inputs) {
            Arrays.fill(power, 1.0);
            for (int k = 1; k <= degree; k++) {
                double[] sum = sums[k];
                for (int i = 0; i < n; i++) {
                    power[i] *= column[i];
                    sum[i] += power[i];
                }
            }
        }
        return sums;
    }
}
