package org.taskneurons.sr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.ReadOptions;
import org.taskneurons.data.SharedData;

/**
 * Recovery on the paper's synthetic sets (shared/data/synthetic-epsilon): y = Σ_k c_k s_k + noise
 * with 600 rows, 10 inputs in [−50, 50].
 *
 * <p>Not every true term can be recovered: with x in [−50, 50] the noise that scales with the
 * RMS of a signal dominated by 3·s4 has a standard deviation around 2·10^6, while a term 6·s1
 * varies by about 550. Fitting the true model by least squares (the oracle) gives such terms
 * |t| below 2.5 even at low noise: no method can tell them from noise. The table therefore
 * names, per set, the terms the data identifies (oracle |t| ≥ 5, checked to 5% of the truth)
 * and the terms that stand in for unidentifiable ones; the checks that can fail are that
 * nothing outside the true terms is reported and every identifiable term is found.
 */
class EpsilonRecoveryTest {
    /** True coefficients by power, from shared/data/README.md. */
    private static final Map<Integer, Map<Integer, Double>> TRUTH = Map.of(
            1, Map.of(2, 6.0),
            2, Map.of(4, 3.0),
            3, Map.of(2, 4.0, 1, 5.0),
            4, Map.of(4, 2.0, 1, 6.0),
            5, Map.of(4, 2.0, 2, 3.0, 1, 6.0),
            6, Map.of(4, 3.0, 3, 4.0, 2, 2.0, 1, 3.0),
            7, Map.of(4, 4.0, 2, 2.0));

    /**
     * Per set: the identifiable powers (found within 5%) and the powers reported that are true
     * terms but whose coefficient stands in for a correlated, unidentifiable one (s1 for 4·s3; on
     * medium no6 the tie-break drops it, since Σx^4 alone is within 2 of its BIC).
     */
    static Stream<Arguments> sets() {
        return Stream.of(
                Arguments.of("low", 1, Set.of(2), Set.of()),
                Arguments.of("low", 2, Set.of(4), Set.of()),
                Arguments.of("low", 3, Set.of(2, 1), Set.of()),
                Arguments.of("low", 4, Set.of(4), Set.of()),
                Arguments.of("low", 5, Set.of(4), Set.of()),
                Arguments.of("low", 6, Set.of(4), Set.of(1)),
                Arguments.of("low", 7, Set.of(4), Set.of()),
                Arguments.of("medium", 1, Set.of(2), Set.of()),
                Arguments.of("medium", 2, Set.of(4), Set.of()),
                Arguments.of("medium", 3, Set.of(2), Set.of()),
                Arguments.of("medium", 4, Set.of(4), Set.of()),
                Arguments.of("medium", 5, Set.of(4), Set.of()),
                Arguments.of("medium", 6, Set.of(4), Set.of()),
                Arguments.of("medium", 7, Set.of(4), Set.of()),
                Arguments.of("high", 1, Set.of(2), Set.of()),
                Arguments.of("high", 2, Set.of(4), Set.of()),
                Arguments.of("high", 3, Set.of(2), Set.of()),
                Arguments.of("high", 4, Set.of(4), Set.of()),
                Arguments.of("high", 5, Set.of(4), Set.of()),
                Arguments.of("high", 6, Set.of(4), Set.of()),
                Arguments.of("high", 7, Set.of(4), Set.of()));
    }

    static SearchData load(String level, int group) throws IOException {
        Dataset dataset = Dataset.read(SharedData.file("synthetic-epsilon/epsilon_" + level + "_no" + group + ".csv"),
                ReadOptions.defaults().withTarget("y"));
        return SearchData.of(dataset.columns(), dataset.target());
    }

    @ParameterizedTest(name = "{0} noise, group {1}")
    @MethodSource("sets")
    void subsetSearchReportsExactlyTheIdentifiableTrueTerms(String level, int group, Set<Integer> identifiable,
            Set<Integer> standIns) throws IOException {
        Formula formula = Discovery.of(Discovery.Settings.defaults()).run(load(level, group)).formula();
        assertRecovered(formula, group, identifiable, standIns);
    }

    /** The default path is exact, so every seed must give the identical formula. */
    @ParameterizedTest(name = "{0} noise, group {1}")
    @MethodSource("sets")
    void tenSeedsGiveTheSameFormula(String level, int group, Set<Integer> identifiable, Set<Integer> standIns)
            throws IOException {
        SearchData data = load(level, group);
        Set<Formula> formulas = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            formulas.add(Discovery.of(Discovery.Settings.defaults().withSeed(seed)).run(data).formula());
        }
        assertThat(formulas).hasSize(1);
    }

    /** The paper's genetic-programming preset, 10 seeds, agrees with the exact path on every set. */
    @Tag("slow")
    @ParameterizedTest(name = "{0} noise, group {1}")
    @MethodSource("sets")
    void papersPresetAgreesWithTheExactPathForTenSeeds(String level, int group, Set<Integer> identifiable,
            Set<Integer> standIns) throws IOException {
        assertGpAgreesForTenSeeds(level, group);
    }

    @ParameterizedTest(name = "{0} noise, group {1}")
    @org.junit.jupiter.params.provider.CsvSource({"low, 1", "medium, 3", "high, 6"})
    void papersPresetAgreesWithTheExactPathOnSomeSets(String level, int group) throws IOException {
        assertGpAgreesForTenSeeds(level, group);
    }

    private static void assertGpAgreesForTenSeeds(String level, int group) throws IOException {
        SearchData data = load(level, group);
        Formula exact = Discovery.of(Discovery.Settings.defaults()).run(data).formula();
        for (long seed = 0; seed < 10; seed++) {
            Discovery.Settings gp = Discovery.Settings.defaults().withMethod(Discovery.Method.GP).withSeed(seed);
            assertThat(Discovery.of(gp).run(data).formula()).as("seed %d", seed).isEqualTo(exact);
        }
    }

    private static void assertRecovered(Formula formula, int group, Set<Integer> identifiable, Set<Integer> standIns) {
        Map<Integer, Double> truth = TRUTH.get(group);
        Set<Integer> reported = new HashSet<>();
        for (Term term : formula.terms()) {
            int power = power(term.expr());
            reported.add(power);
            assertThat(truth).as("term %s of %s is a true term", term, formula).containsKey(power);
            if (identifiable.contains(power)) {
                assertThat(term.coef()).as("coefficient of s%d in %s", power, formula)
                        .isCloseTo(truth.get(power), within(0.05 * Math.abs(truth.get(power))));
            }
        }
        Set<Integer> expected = new HashSet<>(identifiable);
        expected.addAll(standIns);
        assertThat(reported).as("powers of %s", formula).isEqualTo(expected);
        assertThat(formula.intercept()).as("intercept of %s (the truth has none)", formula).isZero();
    }

    private static int power(Expr expr) {
        if (expr instanceof Expr.Var) {
            return 1;
        }
        assertThat(expr).isInstanceOf(Expr.Unary.class);
        Expr.Unary unary = (Expr.Unary) expr;
        assertThat(unary.op()).isEqualTo(Op.POW);
        assertThat(unary.arg()).isEqualTo(Expr.x());
        return unary.exponent();
    }
}
