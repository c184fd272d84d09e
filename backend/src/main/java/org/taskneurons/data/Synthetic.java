package org.taskneurons.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Data in the seed paper's style: inputs x_1..x_m drawn uniformly from [low, high) and
 * <pre>  y = sum_k c_k s_k + noise,   s_k = sum_j x_j^k,</pre>
 * i.e. {@code y = sum_j g(x_j)} for the polynomial {@code g(x) = sum_k c_k x^k} (so c_0
 * adds {@code m * c_0}). The noise is Gaussian with standard deviation
 * {@code relativeNoise} times the root mean square of the noise-free signal, as in the
 * paper's data sets (0.05, 0.15 and 0.30 for low, medium and high noise).
 *
 * @param rows          number of rows, at least 1
 * @param inputs        number of inputs m, at least 1
 * @param low           least input value
 * @param high          bound on the input values, above {@code low}
 * @param coefficients  c_0, c_1, ... c_K
 * @param relativeNoise noise level, at least 0
 */
public record Synthetic(int rows, int inputs, double low, double high, List<Double> coefficients, double relativeNoise) {
    public static final double LOW_NOISE = 0.05;
    public static final double MEDIUM_NOISE = 0.15;
    public static final double HIGH_NOISE = 0.30;

    private static final List<List<Double>> PAPER_GROUPS = List.of(
            List.of(0.0, 0.0, 6.0),
            List.of(0.0, 0.0, 0.0, 0.0, 3.0),
            List.of(0.0, 5.0, 4.0),
            List.of(0.0, 6.0, 0.0, 0.0, 2.0),
            List.of(0.0, 6.0, 3.0, 0.0, 2.0),
            List.of(0.0, 3.0, 2.0, 4.0, 3.0),
            List.of(0.0, 0.0, 2.0, 0.0, 4.0));

    public Synthetic {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1: " + rows);
        }
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be at least 1: " + inputs);
        }
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high)) {
            throw new IllegalArgumentException("input range must be finite with low < high: [" + low + ", " + high + ")");
        }
        coefficients = List.copyOf(coefficients);
        if (coefficients.isEmpty() || !coefficients.stream().allMatch(Double::isFinite)) {
            throw new IllegalArgumentException("coefficients must be finite and at least one: " + coefficients);
        }
        if (!Double.isFinite(relativeNoise) || relativeNoise < 0) {
            throw new IllegalArgumentException("relative noise must be finite and at least 0: " + relativeNoise);
        }
    }

    /**
     * The paper's group {@code no1}..{@code no7}: 600 rows, 10 inputs in [-50, 50), e.g.
     * group 1 is {@code 6 s2} and group 6 is {@code 3 s4 + 4 s3 + 2 s2 + 3 s1}.
     */
    public static Synthetic paperGroup(int group, double relativeNoise) {
        if (group < 1 || group > PAPER_GROUPS.size()) {
            throw new IllegalArgumentException("paper group out of range [1, " + PAPER_GROUPS.size() + "]: " + group);
        }
        return new Synthetic(600, 10, -50, 50, PAPER_GROUPS.get(group - 1), relativeNoise);
    }

    private static final Pattern PAPER_SET = Pattern.compile("paper-no([1-7])-(low|medium|high)");

    /**
     * A paper set by name, {@code paper-noG-LEVEL}: group G in 1..7 at noise level low (0.05),
     * medium (0.15) or high (0.30).
     */
    public static Synthetic paperSet(String name) {
        Matcher matcher = PAPER_SET.matcher(name);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("unknown synthetic set '" + name
                    + "' (expected paper-noG-LEVEL, G 1..7, LEVEL low, medium or high)");
        }
        double noise = switch (matcher.group(2)) {
            case "low" -> LOW_NOISE;
            case "medium" -> MEDIUM_NOISE;
            default -> HIGH_NOISE;
        };
        return paperGroup(Integer.parseInt(matcher.group(1)), noise);
    }

    /** The noise-free signal {@code sum_j g(x_j)} at one row of inputs. */
    public double signal(double... x) {
        return signal(unboxed(), x);
    }

    private static double signal(double[] c, double[] x) {
        double sum = 0;
        for (double value : x) {
            double g = 0;
            for (int k = c.length - 1; k >= 0; k--) {
                g = g * value + c[k];
            }
            sum += g;
        }
        return sum;
    }

    private double[] unboxed() {
        return coefficients.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * A data set named {@code synthetic} with features x1..xm and target y. All inputs are
     * drawn first, row by row, then the noise, from one {@link SplittableRandom} seeded with
     * {@code seed}: the same seed gives the same data.
     */
    public Dataset generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] c = unboxed();
        double[][] columns = new double[inputs][rows];
        double[] target = new double[rows];
        double[] x = new double[inputs];
        double squares = 0;
        for (int row = 0; row < rows; row++) {
            for (int j = 0; j < inputs; j++) {
                x[j] = random.nextDouble(low, high);
                columns[j][row] = x[j];
            }
            target[row] = signal(c, x);
            squares += target[row] * target[row];
        }
        double noise = relativeNoise * Math.sqrt(squares / rows);
        for (int row = 0; row < rows; row++) {
            target[row] += noise * random.nextGaussian();
        }
        return Dataset.owning("synthetic", inputNames(), columns, target, "y", TaskKind.REGRESSION, List.of());
    }

    private List<String> inputNames() {
        List<String> names = new ArrayList<>(inputs);
        for (int j = 1; j <= inputs; j++) {
            names.add("x" + j);
        }
        return names;
    }
}
