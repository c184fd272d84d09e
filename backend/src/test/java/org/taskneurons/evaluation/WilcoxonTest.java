package org.taskneurons.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.evaluation.Wilcoxon.Method;

class WilcoxonTest {
    /** Darwin's plant-height differences, scipy.stats.wilcoxon's documented example. */
    private static final double[] DARWIN = {6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75};

    /** 30 normal draws (scipy: wilcoxon(y, method="exact") and method="approx", correction=True). */
    private static final double[] THIRTY = {0.510464, 0.463782, -0.825056, 0.47614, 1.758823, -1.147145, 1.259383,
        0.519354, -0.24147, 2.400417, 1.16226, -0.799289, 0.474516, 0.97669, 0.211218, 1.08291, 0.333483, 1.067248,
        1.838523, -0.275662, 0.603139, -0.063308, 0.527268, -0.787195, -0.179302, 0.203804, 1.298764, 1.545222,
        -0.923528, -0.394642};

    /** 40 draws rounded to one decimal: many ties and one zero. */
    private static final double[] FORTY_TIED = {0.3, 0.6, 0.0, -0.6, -0.2, -0.7, 0.4, 1.6, -0.2, -0.3, 0.8, 0.7, 0.4,
        -0.6, 0.3, 1.0, -1.0, -0.2, -1.6, -1.0, -1.5, 0.1, -1.0, 0.6, 0.5, 0.1, -2.2, -0.2, 0.3, 0.4, -1.2, -0.2, -0.7,
        -0.5, 1.4, -0.5, 0.3, 1.2, -0.3, 0.2};

    static Stream<Arguments> scipyResults() {
        return Stream.of(
                // differences, method, statistic min(W+, W-), p-value from scipy 1.17
                Arguments.of("Darwin exact", DARWIN, Method.AUTO, 24.0, 0.041259765625),
                Arguments.of("Darwin normal", DARWIN, Method.NORMAL, 24.0, 0.043772323763041174),
                Arguments.of("30 exact", THIRTY, Method.EXACT, 115.0, 0.01453801617026329),
                Arguments.of("30 normal", THIRTY, Method.AUTO, 115.0, 0.01610639343400869),
                Arguments.of("40 tied normal", FORTY_TIED, Method.AUTO, 357.0, 0.6497437803513333));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scipyResults")
    void matchesScipy(String name, double[] differences, Method method, double statistic, double pValue) {
        Wilcoxon test = Wilcoxon.signedRank(differences, method);

        assertThat(test.statistic()).isEqualTo(statistic);
        assertThat(test.pValue()).isCloseTo(pValue, within(1e-13));
        assertThat(test.positiveRankSum() + test.negativeRankSum()).isEqualTo(test.pairs() * (test.pairs() + 1) / 2.0);
    }

    static Stream<Arguments> farTails() {
        return Stream.of(
                // n, differences 1..n with these made negative, scipy's normal-approximation p-value
                Arguments.of(60, new int[0], 1.671328569652654e-11),
                Arguments.of(100, new int[0], 3.955911608899571e-18),
                Arguments.of(100, new int[] {4, 51, 78}, 1.988827333213866e-16),
                Arguments.of(300, new int[0], 6.114136859304273e-51));
    }

    @ParameterizedTest(name = "n {0}, negative {1}")
    @MethodSource("farTails")
    void normalTailKeepsItsRelativePrecision(int n, int[] negative, double pValue) {
        double[] differences = new double[n];
        for (int i = 0; i < n; i++) {
            differences[i] = i + 1;
        }
        for (int value : negative) {
            differences[value - 1] = -value;
        }

        assertThat(Wilcoxon.signedRank(differences).pValue()).isCloseTo(pValue, within(pValue * 1e-11));
    }

    static Stream<Arguments> randomSamples() {
        // seed, size, distinct magnitudes (few means many ties, and zeros)
        return LongStream.range(0, 24).mapToObj(seed -> Arguments.of(seed, 1 + (int) (seed % 12),
                seed % 3 == 0 ? 1000 : 2 + (int) (seed % 4)));
    }

    @ParameterizedTest(name = "seed {0}, n {1}, {2} magnitudes")
    @MethodSource("randomSamples")
    void exactPValueEqualsBruteForceEnumerationOfSigns(long seed, int size, int magnitudes) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] differences = new double[size];
        for (int i = 0; i < size; i++) {
            differences[i] = random.nextInt(-magnitudes, magnitudes + 1) * 0.25;
        }

        Wilcoxon test = Wilcoxon.signedRank(differences);

        BruteForce expected = BruteForce.of(differences);
        assertThat(test.exact()).isTrue();
        assertThat(test.pairs()).isEqualTo(expected.ranks.length);
        assertThat(test.zeros()).isEqualTo(size - expected.ranks.length);
        assertThat(test.positiveRankSum()).isEqualTo(expected.positiveRankSum);
        assertThat(test.pValue()).isCloseTo(expected.pValue(), within(1e-12));
    }

    @Test
    void tiesShareTheirAverageRankAndZerosAreDropped() {
        // |d| = 1, 1, 2, 3 after dropping two zeros: ranks 1.5, 1.5, 3, 4
        Wilcoxon test = Wilcoxon.signedRank(new double[] {0, 1, -1, 0, 2, -3});

        assertThat(test.pairs()).isEqualTo(4);
        assertThat(test.zeros()).isEqualTo(2);
        assertThat(test.positiveRankSum()).isEqualTo(4.5);
        assertThat(test.negativeRankSum()).isEqualTo(5.5);
        // doubled ranks 3, 3, 6, 8; of the 16 sign sets, those with doubled W+ <= 9 are
        // {}, {3}, {3'}, {6}, {8}, {3,3'}, {3,6}, {3',6}: 8, so p = min(1, 2 * 8 / 16)
        assertThat(test.pValue()).isEqualTo(1.0);
    }

    @Test
    void pairedSamplesAreTestedThroughTheirDifferences() {
        double[] taskBased = {0.0402, 0.0398, 0.0410, 0.0395, 0.0405, 0.0399};
        double[] ordinary = {0.0428, 0.0431, 0.0419, 0.0440, 0.0425, 0.0433};

        Wilcoxon test = Wilcoxon.signedRank(taskBased, ordinary);

        // all six differences negative: only 1 of the 64 sign sets is as extreme on each side
        assertThat(test.positiveRankSum()).isZero();
        assertThat(test.pValue()).isEqualTo(2.0 / 64);
        assertThat(test.isSignificant(0.05)).isTrue();
    }

    @Test
    void withoutNonZeroDifferencesThereIsNothingToReject() {
        Wilcoxon test = Wilcoxon.signedRank(new double[] {0.5, 0.25}, new double[] {0.5, 0.25});

        assertThat(test.pairs()).isZero();
        assertThat(test.zeros()).isEqualTo(2);
        assertThat(test.pValue()).isEqualTo(1.0);
    }

    @Test
    void normalApproximationIsCloseToExactAtTheSwitchPoint() {
        int n = Wilcoxon.EXACT_LIMIT;
        for (int positiveRankSum = 0; positiveRankSum <= n * (n + 1) / 2; positiveRankSum++) {
            // differences ±1..±n, the positive ones chosen greedily from the largest to sum to W+
            double[] differences = new double[n];
            int left = positiveRankSum;
            for (int rank = n; rank >= 1; rank--) {
                differences[rank - 1] = rank <= left ? rank : -rank;
                left -= rank <= left ? rank : 0;
            }
            Wilcoxon exact = Wilcoxon.signedRank(differences, Method.EXACT);
            Wilcoxon normal = Wilcoxon.signedRank(differences, Method.NORMAL);

            assertThat(exact.positiveRankSum()).isEqualTo(positiveRankSum);
            assertThat(Wilcoxon.signedRank(differences)).isEqualTo(exact);
            // the largest gap, 0.0066, is at W+ = 134 (p 0.458 against 0.451)
            assertThat(normal.pValue()).as("W+ = %d", positiveRankSum).isCloseTo(exact.pValue(), within(0.007));
        }
        assertThat(Wilcoxon.signedRank(new SplittableRandom(1).doubles(n + 1).toArray()).exact()).isFalse();
    }

    @Test
    void badInputsAreRejected() {
        assertThatThrownBy(() -> Wilcoxon.signedRank(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("paired samples differ in length: 2 and 1");
        assertThatThrownBy(() -> Wilcoxon.signedRank(new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no pairs to test");
        assertThatThrownBy(() -> Wilcoxon.signedRank(new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("difference 1 is not finite: NaN");
        double[] tooMany = new SplittableRandom(1).doubles(Wilcoxon.EXACT_MAXIMUM + 1, 0.5, 1).toArray();
        assertThatThrownBy(() -> Wilcoxon.signedRank(tooMany, Method.EXACT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an exact p-value enumerates at most 1000 non-zero differences: 1001");
    }

    /** The definition, spelled out: rank by counting, then try all 2ⁿ sign assignments. */
    private record BruteForce(double[] ranks, double positiveRankSum) {

        static BruteForce of(double[] differences) {
            double[] nonZero = Arrays.stream(differences).filter(d -> d != 0).toArray();
            double[] ranks = new double[nonZero.length];
            double positive = 0;
            for (int i = 0; i < nonZero.length; i++) {
                int smaller = 0;
                int equal = 0;
                for (double other : nonZero) {
                    smaller += Math.abs(other) < Math.abs(nonZero[i]) ? 1 : 0;
                    equal += Math.abs(other) == Math.abs(nonZero[i]) ? 1 : 0;
                }
                ranks[i] = smaller + (equal + 1) / 2.0;
                positive += nonZero[i] > 0 ? ranks[i] : 0;
            }
            return new BruteForce(ranks, positive);
        }

        /** The share of sign assignments whose W+ lies at least as far from its mean as the observed one. */
        double pValue() {
            if (ranks.length == 0) {
                return 1;
            }
            double mean = Arrays.stream(ranks).sum() / 2;
            double observed = Math.abs(positiveRankSum - mean);
            int extreme = 0;
            for (int signs = 0; signs < 1 << ranks.length; signs++) {
                double sum = 0;
                for (int i = 0; i < ranks.length; i++) {
                    sum += (signs >> i & 1) == 1 ? ranks[i] : 0;
                }
                extreme += Math.abs(sum - mean) >= observed - 1e-9 ? 1 : 0;
            }
            return (double) extreme / (1 << ranks.length);
        }
    }
}
