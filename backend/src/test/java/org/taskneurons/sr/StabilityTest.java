package org.taskneurons.sr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StabilityTest {

    @Test
    void frequenciesModalFormulaAndIntervalsOfResampledFormulas() {
        List<Formula> formulas = List.of(Formula.parse("6·Σx^2"), Formula.parse("6.2·Σx^2 + 1"), Formula.parse("5.8·Σx^2"),
                Formula.parse("6.4·Σx^2 + 0.5·Σx"));
        Stability stability = Stability.summarize(formulas, Formula.parse("6.1·Σx^2 + 3"));

        assertThat(stability.resamples()).isEqualTo(4);
        assertThat(stability.modal()).isEqualTo("Σx^2");
        assertThat(stability.modalFrequency()).isEqualTo(0.5);
        assertThat(stability.chosenFrequency()).isEqualTo(0.25);
        assertThat(stability.terms()).extracting(Stability.TermStability::term).containsExactly("x^2", "intercept", "x");
        assertThat(stability.terms()).extracting(Stability.TermStability::frequency).containsExactly(1.0, 0.25, 0.25);
        Stability.TermStability square = stability.terms().get(0);
        // Type-7 percentiles of 5.8, 6.0, 6.2, 6.4: 5.8 + 0.075·0.2 and 6.2 + 0.925·0.2.
        assertThat(square.low()).isCloseTo(5.815, within(1e-12));
        assertThat(square.high()).isCloseTo(6.385, within(1e-12));
    }

    /**
     * Known-truth sets: every resample finds the one true term, most find nothing else, and its
     * interval holds the truth.
     */
    static Stream<Arguments> knownTruth() {
        return Stream.of(
                Arguments.of("low", 1, "x^2", 6.0),
                Arguments.of("medium", 2, "x^4", 3.0),
                Arguments.of("high", 7, "x^4", 4.0));
    }

    @ParameterizedTest(name = "{0} noise, group {1}")
    @MethodSource("knownTruth")
    void theTrueTermIsChosenOnEveryResample(String level, int group, String term, double truth) throws IOException {
        Discovery.Result result = Discovery.of(Discovery.Settings.defaults().withStability(20))
                .run(EpsilonRecoveryTest.load(level, group));
        Stability stability = result.stability();

        assertThat(stability.resamples()).isEqualTo(20);
        assertThat(stability.modal()).isEqualTo("Σ" + term);
        assertThat(stability.modalFrequency()).isGreaterThanOrEqualTo(0.8);
        assertThat(stability.chosenFrequency()).isEqualTo(stability.modalFrequency());
        Stability.TermStability found = stability.terms().get(0);
        assertThat(found.term()).isEqualTo(term);
        assertThat(found.frequency()).isEqualTo(1.0);
        assertThat(truth).isBetween(found.low(), found.high());
        assertThat(found.high() - found.low()).isLessThan(0.05 * truth);
    }

    @Test
    void noReportWhenTurnedOffAndTheSameReportForTheSameSeed() throws IOException {
        SearchData data = EpsilonRecoveryTest.load("low", 3);
        Discovery.Settings settings = Discovery.Settings.defaults().withSeed(7);
        assertThat(Discovery.of(settings).run(data).stability()).isNull();
        Stability first = Discovery.of(settings.withStability(10)).run(data).stability();
        Stability second = Discovery.of(settings.withStability(10)).run(data).stability();
        assertThat(second).isEqualTo(first);
    }
}
