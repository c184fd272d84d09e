package org.taskneurons.sr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.Synthetic;

class SelectionTest {

    private static SearchData synthetic(Synthetic truth, long seed) {
        Dataset dataset = truth.generate(seed);
        return SearchData.of(dataset.columns(), dataset.target());
    }

    /** y = Σx² + noise (30% of the signal's RMS), 60 rows of 3 inputs in [−2, 2]. */
    private static final Synthetic SMALL_SQUARE = new Synthetic(60, 3, -2, 2, List.of(0.0, 0.0, 1.0), 0.3);

    private static Formula discovered(SearchData data, Selection selection) {
        return Discovery.of(Discovery.Settings.defaults().withThreads(1).withSelection(selection)).run(data).formula();
    }

    private static List<String> exprs(Formula formula) {
        return formula.terms().stream().map(term -> Formula.exprText(term.expr())).toList();
    }

    /**
     * Data seeds on which BIC reports powers the data never had (x^6 with the correlated x^4, or
     * x^5 standing in for the true 4·x^3), with the formula each rule reports: the
     * one-standard-error rule and the tie-break report only true powers.
     */
    static Stream<Arguments> correlatedWrongPowers() {
        Synthetic no6 = Synthetic.paperSet("paper-no6-low");
        return Stream.of(
                Arguments.of("x^2 alone, seed 224", synthetic(SMALL_SQUARE, 224), Selection.of(Criterion.CV),
                        List.of("x^6", "x^4"), List.of("x^2")),
                Arguments.of("x^2 alone, seed 261", synthetic(SMALL_SQUARE, 261), Selection.of(Criterion.CV),
                        List.of("x^6", "x^4"), List.of("x^2")),
                Arguments.of("x^2 alone, seed 277", synthetic(SMALL_SQUARE, 277), Selection.of(Criterion.BIC).withTieBreak(true),
                        List.of("x^6", "x^2"), List.of("x^2")),
                Arguments.of("paper no6 low, seed 4", synthetic(no6, 4), Selection.of(Criterion.BIC).withTieBreak(true),
                        List.of("x^5", "x^4"), List.of("x^4", "x^3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correlatedWrongPowers")
    void theRuleRejectsTheWrongPowerThatBicPicks(String name, SearchData data, Selection rule, List<String> bicPowers,
            List<String> rulePowers) {
        Formula bic = discovered(data, Selection.of(Criterion.BIC));
        Formula chosen = discovered(data, rule);
        assertThat(exprs(bic)).as("BIC on %s: %s", name, bic).containsExactlyElementsOf(bicPowers);
        assertThat(exprs(chosen)).as("%s on %s: %s", rule, name, chosen).containsExactlyElementsOf(rulePowers);
        assertThat(chosen.intercept()).isZero();
    }

    /** y = 3·Σx³ + 2·Σx² − Σx + 5 with little noise, 5 inputs in [−2, 2]. */
    private static SearchData cubic() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 300;
        double[][] x = FormulaTrees.inputs(random, 5, n, 2.0);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (double[] column : x) {
                double v = column[i];
                y[i] += 3 * v * v * v + 2 * v * v - v;
            }
            y[i] += 5 + 0.05 * random.nextGaussian();
        }
        return SearchData.of(x, y);
    }

    @ParameterizedTest(name = "{0}, {1}, at most {2} terms")
    @CsvSource({
        "SUBSET, bic, 1", "SUBSET, bic, 2", "SUBSET, cv, 2", "SUBSET, bic, 3", "SUBSET, aic, 4",
        "GP, bic, 1", "GP, cv, 2"})
    void maxTermsIsRespectedOnTheFormulaAndTheFront(Discovery.Method method, String criterion, int maxTerms) {
        Discovery.Settings settings = Discovery.Settings.defaults().withThreads(1).withMethod(method)
                .withGp(GpConfig.paper().withPopulation(200).withGenerations(20))
                .withSelection(Selection.of(Criterion.of(criterion)).withMaxTerms(maxTerms));
        Discovery.Result result = Discovery.of(settings).run(cubic());
        assertThat(result.formula().terms()).hasSizeLessThanOrEqualTo(maxTerms);
        for (FrontPoint point : result.front()) {
            assertThat(point.formula().terms()).as("front point %s", point.formula()).hasSizeLessThanOrEqualTo(maxTerms);
        }
        if (maxTerms >= 3) {
            assertThat(exprs(result.formula())).containsExactly("x^3", "x^2", "x");
        } else {
            assertThat(exprs(result.formula())).first().isEqualTo("x^3");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"bic, BIC", "AIC, AIC", "Cv, CV"})
    void criteriaAreReadByLabel(String label, Criterion expected) {
        assertThat(Criterion.of(label)).isEqualTo(expected);
        assertThat(Criterion.of(expected.label())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mdl | 'mdl' is not one of bic, aic, cv"})
    void unknownCriterionNamesTheKnownOnes(String label, String message) {
        assertThatThrownBy(() -> Criterion.of(label)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "folds {0}, max terms {1}")
    @CsvSource(delimiter = '|', value = {
        "1 | 3 | folds out of range [2, 100]: 1",
        "5 | 0 | max terms must be at least 1: 0"})
    void invalidSelectionsNameTheBound(int folds, int maxTerms, String message) {
        assertThatThrownBy(() -> new Selection(Criterion.CV, folds, maxTerms, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
