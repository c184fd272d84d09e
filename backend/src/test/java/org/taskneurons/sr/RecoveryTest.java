package org.taskneurons.sr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The recovery rule on low-noise no3 (truth 4·s2 + 5·s1; the oracle's |t| of s1 is about 6.8, so s1 is required). */
class RecoveryTest {
    private static final Map<Integer, Double> TRUTH = Map.of(2, 4.0, 1, 5.0);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "3.99·Σx^2 + 5.14·Σx              | true  | ",
        "3.99·Σx^2                        | false | misses s1",
        "3.99·Σx^2 + 5.14·Σx + 12         | false | reports an intercept",
        "0.001·Σx^3 + 3.99·Σx^2 + 5.14·Σx | false | outside the truth",
        "4.5·Σx^2 + 5.14·Σx               | false | s2 coefficient 4.5 is not within",
        "3.99·Σx^2 + 9·Σx                 | false | s1 coefficient 9.0 is not within"})
    void verdicts(String formula, boolean passed, String reason) throws IOException {
        Recovery.Verdict verdict = Recovery.judge(EpsilonRecoveryTest.load("low", 3), TRUTH, Formula.parse(formula));
        assertThat(verdict.passed()).as(verdict.failure()).isEqualTo(passed);
        if (reason != null) {
            assertThat(verdict.failure()).contains(reason);
        }
    }
}
