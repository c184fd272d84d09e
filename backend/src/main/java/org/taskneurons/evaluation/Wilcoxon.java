package org.taskneurons.evaluation;

import java.util.Arrays;

/**
 * The paired Wilcoxon signed-rank test, two-sided: do two models' scores over the same seeds
 * differ in location? Built with {@link #signedRank}.
 *
 * <p>Differences of exactly zero are dropped before ranking (Wilcoxon's original method,
 * scipy's default {@code zero_method="wilcox"}); the others are ranked by absolute value,
 * tied values sharing their average rank. W+ and W- sum the ranks of the positive and the
 * negative differences. The p-value is, by default, exact for up to {@value #EXACT_LIMIT}
 * non-zero differences: every one of the 2ⁿ sign assignments is equally likely under the null
 * hypothesis, and their distribution of W+ is counted by dynamic programming over the
 * doubled ranks (integers even with average ranks), so ties are handled exactly rather than
 * ignored. Above that it is the normal approximation with tie correction of the variance
 * and a continuity correction of ½, as scipy's and R's {@code wilcox.test}. With no non-zero
 * difference the test has nothing to reject and the p-value is 1.
 *
 * @param pairs           the non-zero differences n that were ranked
 * @param zeros           the zero differences dropped
 * @param positiveRankSum W+, the rank sum of the positive differences
 * @param negativeRankSum W-, the rank sum of the negative differences; W+ + W- = n(n+1)/2
 * @param pValue          the two-sided p-value, in [0, 1]
 * @param exact           whether the p-value is exact rather than the normal approximation
 */
public record Wilcoxon(int pairs, int zeros, double positiveRankSum, double negativeRankSum, double pValue,
                       boolean exact) {

    /** The largest number of non-zero differences for which {@link Method#AUTO} computes the exact p-value. */
    public static final int EXACT_LIMIT = 25;

    /** The largest number of non-zero differences for which an exact p-value may be asked for. */
    public static final int EXACT_MAXIMUM = 1000;

    /** How to compute the p-value. */
    public enum Method {
        /** Exact up to {@value #EXACT_LIMIT} non-zero differences, normal approximation above. */
        AUTO,
        EXACT,
        NORMAL
    }

    /** Marsaglia's Mills ratios R(z) = Q(z) / φ(z) at z = 0, 2, ..., 16, the centres of his Taylor series. */
    private static final double[] MILLS_RATIO = {
        1.2533141373155002512, 0.42136922928805447322, 0.23665238291356067062, 0.16237766089686746182,
        0.12313196325793229628, 0.099028596471731921395, 0.082766286501369177252, 0.071069580538852107091,
        0.062258665995026195777};

    /** ln √(2π), for the normal density. */
    private static final double LOG_SQRT_TWO_PI = 0.91893853320467274178;

    public Wilcoxon {
        if (pairs < 0 || zeros < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + pairs + " pairs, " + zeros + " zeros");
        }
        double total = pairs * (pairs + 1.0) / 2;
        if (positiveRankSum < 0 || negativeRankSum < 0 || Math.abs(positiveRankSum + negativeRankSum - total) > 1e-9) {
            throw new IllegalArgumentException("rank sums " + positiveRankSum + " and " + negativeRankSum
                    + " do not add up to n(n+1)/2 = " + total);
        }
        if (!(pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("p-value out of range [0, 1]: " + pValue);
        }
    }

    /** The test of {@code first[i] - second[i]}, e.g. one model's scores minus another's, seed by seed. */
    public static Wilcoxon signedRank(double[] first, double[] second) {
        if (first.length != second.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + first.length + " and "
                    + second.length);
        }
        double[] differences = new double[first.length];
        for (int i = 0; i < first.length; i++) {
            differences[i] = first[i] - second[i];
        }
        return signedRank(differences, Method.AUTO);
    }

    /** The test of the given paired differences, p-value by {@link Method#AUTO}. */
    public static Wilcoxon signedRank(double[] differences) {
        return signedRank(differences, Method.AUTO);
    }

    public static Wilcoxon signedRank(double[] differences, Method method) {
        if (differences.length == 0) {
            throw new IllegalArgumentException("no pairs to test");
        }
        double[] magnitudes = Arrays.stream(checkFinite(differences)).filter(d -> d != 0).map(Math::abs).sorted()
                .toArray();
        int n = magnitudes.length;
        int[] doubledRanks = new int[n];
        double tieCorrection = 0;
        for (int start = 0, end; start < n; start = end) {
            end = start + 1;
            while (end < n && magnitudes[end] == magnitudes[start]) {
                end++;
            }
            // positions start+1..end share the average rank (start + 1 + end) / 2
            Arrays.fill(doubledRanks, start, end, start + 1 + end);
            double ties = end - start;
            tieCorrection += ties * ties * ties - ties;
        }
        long doubledPositive = 0;
        for (double d : differences) {
            if (d > 0) {
                doubledPositive += doubledRanks[Arrays.binarySearch(magnitudes, d)];
            }
        }
        long doubledTotal = (long) n * (n + 1);
        boolean exact = switch (method) {
            case AUTO -> n <= EXACT_LIMIT;
            case EXACT -> true;
            case NORMAL -> false;
        };
        if (exact && n > EXACT_MAXIMUM) {
            throw new IllegalArgumentException("an exact p-value enumerates at most " + EXACT_MAXIMUM
                    + " non-zero differences: " + n);
        }
        double pValue = n == 0 ? 1.0
                : exact ? exactPValue(doubledRanks, doubledPositive)
                : normalPValue(n, doubledPositive / 2.0, tieCorrection);
        return new Wilcoxon(n, differences.length - n, doubledPositive / 2.0, (doubledTotal - doubledPositive) / 2.0,
                pValue, exact);
    }

    /** The smaller rank sum, min(W+, W-), as scipy reports for the two-sided test. */
    public double statistic() {
        return Math.min(positiveRankSum, negativeRankSum);
    }

    /** Whether the p-value is below {@code level}, e.g. 0.05. */
    public boolean isSignificant(double level) {
        return pValue < level;
    }

    /**
     * 2 P(S ≤ min(W+, W-)) under random signs, capped at 1, where S is the doubled W+. Each
     * difference adds its rank or nothing with probability ½, so the distribution of S is
     * the convolution built up one rank at a time; it is symmetric about its mean, which
     * makes doubling one tail the two-sided p-value.
     */
    private static double exactPValue(int[] doubledRanks, long doubledPositive) {
        int total = Arrays.stream(doubledRanks).sum();
        double[] probability = new double[total + 1];
        probability[0] = 1;
        int reach = 0;
        for (int rank : doubledRanks) {
            reach += rank;
            for (int s = reach; s >= 0; s--) {
                probability[s] = 0.5 * (probability[s] + (s >= rank ? probability[s - rank] : 0));
            }
        }
        long smaller = Math.min(doubledPositive, total - doubledPositive);
        double tail = 0;
        for (int s = 0; s <= smaller; s++) {
            tail += probability[s];
        }
        return Math.min(1, 2 * tail);
    }

    private static double normalPValue(int n, double positiveRankSum, double tieCorrection) {
        double mean = n * (n + 1.0) / 4;
        double variance = n * (n + 1.0) * (2.0 * n + 1) / 24 - tieCorrection / 48;
        double deviation = positiveRankSum - mean;
        double z = (deviation - Math.signum(deviation) * 0.5) / Math.sqrt(variance);
        return Math.min(1, 2 * upperTail(Math.abs(z)));
    }

    /**
     * The standard normal upper tail Q(x) = 1 - Φ(x) for x ≥ 0, to nearly full double
     * precision in relative terms even far in the tail (G. Marsaglia, "Evaluating the Normal
     * Distribution", J. Stat. Softw. 11(4), 2004): a Taylor series of the Mills ratio around
     * the nearest even integer, whose derivatives follow from R'(z) = z R(z) - 1.
     */
    private static double upperTail(double x) {
        if (x >= 2 * MILLS_RATIO.length - 1) {
            // beyond x = 17 the tail is below 1e-64, far past any p-value worth telling apart from 0
            return 0;
        }
        int j = (int) ((x + 1) / 2);
        double z = 2 * j;
        double h = x - z;
        double a = MILLS_RATIO[j];
        double b = z * a - 1;
        double power = 1;
        double sum = a + h * b;
        for (int i = 2; i < 100; i += 2) {
            a = (a + z * b) / i;
            b = (b + z * a) / (i + 1);
            power *= h * h;
            double previous = sum;
            sum += power * (a + h * b);
            if (sum == previous) {
                break;
            }
        }
        return sum * Math.exp(-0.5 * x * x - LOG_SQRT_TWO_PI);
    }

    private static double[] checkFinite(double[] differences) {
        for (int i = 0; i < differences.length; i++) {
            if (!Double.isFinite(differences[i])) {
                throw new IllegalArgumentException("difference " + i + " is not finite: " + differences[i]);
            }
        }
        return differences;
    }
}
