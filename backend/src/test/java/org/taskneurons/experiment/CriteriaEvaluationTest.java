package org.taskneurons.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taskneurons.data.SharedData;
import org.taskneurons.sr.Selection;

/** The evidence behind the default selection rule, re-measured (README, "Choosing the selection rule"). */
class CriteriaEvaluationTest {

    @Tag("slow")
    @ParameterizedTest(name = "{0}: 21 files and {1} draws per set")
    @CsvSource({"bic+tie, 5"})
    void theDefaultPassesEveryFileAndAtLeast95PercentOfFreshDraws(String label, int draws) throws IOException {
        CriteriaEvaluation.Variant variant = CriteriaEvaluation.Variant.of(label);
        assertThat(variant.criterion()).isEqualTo(Selection.defaults().criterion());
        assertThat(variant.tieBreak()).isEqualTo(Selection.defaults().tieBreak());

        CriteriaEvaluation.SyntheticResult result = CriteriaEvaluation.synthetic(variant,
                SharedData.folder().resolve("synthetic-epsilon"), draws);

        assertThat(result.filesPassed()).as("%s", result.failures()).isEqualTo(21);
        assertThat(result.drawsPassed()).as("%s", result.failures()).isGreaterThanOrEqualTo((int) Math.ceil(0.95 * result.draws()));
    }

    @ParameterizedTest(name = "{0} against {1}, higher is better: {2}")
    @CsvSource(delimiter = '|', value = {
        "0.10,0.11,0.12,0.13,0.14,0.15,0.16,0.17,0.18,0.19 | 0.20,0.21,0.22,0.23,0.24,0.25,0.26,0.27,0.28,0.29 | false | false",
        "0.20,0.21,0.22,0.23,0.24,0.25,0.26,0.27,0.28,0.29 | 0.10,0.11,0.12,0.13,0.14,0.15,0.16,0.17,0.18,0.19 | false | true",
        "0.20,0.21,0.22,0.23,0.24,0.25,0.26,0.27,0.28,0.29 | 0.10,0.11,0.12,0.13,0.14,0.15,0.16,0.17,0.18,0.19 | true | false",
        "0.10,0.30,0.12,0.13,0.14,0.15,0.16,0.17,0.18,0.19 | 0.11,0.11,0.11,0.14,0.13,0.16,0.15,0.18,0.17,0.20 | false | false"})
    void aLossIsSignificantAndWorse(String variant, String bic, boolean higherIsBetter, boolean loss) {
        CriteriaEvaluation.Paired paired = CriteriaEvaluation.paired(values(variant), values(bic), higherIsBetter);
        assertThat(paired.isLoss()).as("p = %s", paired.pValue()).isEqualTo(loss);
    }

    private static double[] values(String text) {
        return java.util.Arrays.stream(text.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
