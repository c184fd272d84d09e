package org.taskneurons.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ComparisonTest {

    /** Six seeds of the task-based and the ordinary network, four of XGBoost: test MSE and R². */
    private static List<ComparisonRun> table() {
        List<ComparisonRun> runs = new ArrayList<>();
        add(runs, "task-based", new double[] {0.0402, 0.0398, 0.0410, 0.0395, 0.0405, 0.0399},
                new double[] {0.931, 0.934, 0.925, 0.936, 0.929, 0.933}, 31, 31, 31, 31, 31, 31);
        add(runs, "ordinary", new double[] {0.0428, 0.0431, 0.0419, 0.0440, 0.0425, 0.0433},
                new double[] {0.912, 0.910, 0.918, 0.905, 0.914, 0.909}, 61, 61, 61, 61, 61, 61);
        add(runs, "xgboost", new double[] {0.0390, 0.0401, 0.0395, 0.0412},
                new double[] {0.920, 0.925, 0.921, 0.926}, 9000, 9100, 9200, 9300);
        return runs;
    }

    /** Runs with seeds 1, 2, ... */
    private static void add(List<ComparisonRun> runs, String model, double[] mse, double[] r2, long... parameters) {
        for (int i = 0; i < mse.length; i++) {
            runs.add(new ComparisonRun(model, i + 1, metrics("mse", mse[i], "r2", r2[i]), parameters[i]));
        }
    }

    private static Map<String, Double> metrics(String firstKey, double first, String secondKey, double second) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(firstKey, first);
        metrics.put(secondKey, second);
        return metrics;
    }

    @Test
    void rendersTheTableWithMeanStdBestAndPValues() {
        Comparison comparison = Comparison.of("task-based", table());

        // means and sample stds checked against numpy (ddof=1), p-values against scipy.stats.wilcoxon:
        // ordinary is worse on all 6 seeds (p = 2/64); xgboost's 4 MSE differences are +12, -3, +15, -17
        // (x 1e-4), so W+ = W- = 5 and p = 1; its R² is below on all 4 seeds (p = 2/16)
        assertThat(comparison.toText()).isEqualTo("""
                model       runs  mse                   r2                  parameters  p(mse)   p(r2)
                task-based  6     0.04015 (0.0005394)   0.9313 (0.003933)*  31          -        -
                ordinary    6     0.04293 (0.0007174)   0.9113 (0.004457)   61          0.03125  0.03125
                xgboost     4     0.03995 (0.0009469)*  0.9230 (0.002944)   9150        1.000    0.1250
                mean (sample std) over runs; * best mean; p: two-sided paired Wilcoxon signed-rank test of \
                task-based against the model over shared seeds
                """);
    }

    @Test
    void exposesTheFiguresForJson() throws Exception {
        Comparison comparison = Comparison.of("task-based", table());

        ComparisonCell xgboostMse = comparison.row("xgboost").cell("mse");
        assertThat(xgboostMse.mean()).isCloseTo(0.03995, within(1e-15));
        assertThat(xgboostMse.std()).isCloseTo(0.000946924847422786, within(1e-15));
        assertThat(xgboostMse.best()).isTrue();
        assertThat(xgboostMse.pValue()).isEqualTo(1.0);
        assertThat(comparison.row("task-based").cell("r2").pValue()).isNull();
        assertThat(comparison.row("xgboost").seeds()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(comparison.row("xgboost").parameters()).isEqualTo(9150.0);

        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(comparison));
        assertThat(json.get("reference").asText()).isEqualTo("task-based");
        assertThat(json.get("metrics").toString()).isEqualTo("[\"mse\",\"r2\"]");
        assertThat(json.at("/rows/1/model").asText()).isEqualTo("ordinary");
        assertThat(json.at("/rows/1/cells/r2/pValue").asDouble()).isEqualTo(0.03125);
        assertThat(json.at("/rows/0/cells/mse/pValue").isNull()).isTrue();
        assertThat(json.at("/rows/0/cells/r2/best").asBoolean()).isTrue();
        assertThat(json.size()).isEqualTo(3);
    }

    @Test
    void writesCsvAtFullPrecision() {
        List<ComparisonRun> runs = new ArrayList<>(table());
        runs.add(new ComparisonRun("net, \"wide\"", 1, metrics("mse", 0.05, "r2", 0.9), 120));
        String[] lines = Comparison.of("task-based", runs).toCsv().split("\n");

        assertThat(lines[0]).isEqualTo("model,runs,parameters,mse_mean,mse_std,mse_best,mse_p,r2_mean,r2_std,r2_best,r2_p");
        assertThat(lines[1]).startsWith("task-based,6,31.0,").endsWith(",true,");
        assertThat(lines[3].split(",")).hasSize(11).contains("9150.0", "1.0", "0.125");
        // one run: no standard deviation; one shared seed, a positive difference: p = 2/2, capped at 1
        assertThat(lines[4]).isEqualTo("\"net, \"\"wide\"\"\",1,120.0,0.05,,false,1.0,0.9,,false,1.0");
    }

    @Test
    void equalBestMeansAreAllMarkedAndModelsWithoutSharedSeedsGetNoPValue() {
        List<ComparisonRun> runs = List.of(
                new ComparisonRun("task-based", 1, Map.of("accuracy", 0.8), 10),
                new ComparisonRun("task-based", 2, Map.of("accuracy", 0.9), 10),
                new ComparisonRun("ordinary", 2, Map.of("accuracy", 0.9), 20),
                new ComparisonRun("ordinary", 3, Map.of("accuracy", 0.8), 20),
                new ComparisonRun("quadratic", 7, Map.of("accuracy", 0.5), 30));

        Comparison comparison = Comparison.of("task-based", runs);

        assertThat(comparison.rows()).extracting(ComparisonRow::model)
                .containsExactly("task-based", "ordinary", "quadratic");
        assertThat(comparison.rows()).extracting(row -> row.cell("accuracy").best()).containsExactly(true, true, false);
        // only seed 2 is shared, with a zero difference
        assertThat(comparison.row("ordinary").cell("accuracy").pValue()).isEqualTo(1.0);
        assertThat(comparison.row("quadratic").cell("accuracy").pValue()).isNull();
        assertThat(comparison.row("quadratic").cell("accuracy").std()).isNull();
        assertThat(comparison.toText()).startsWith("""
                model       runs  accuracy           parameters  p(accuracy)
                task-based  2     0.8500 (0.07071)*  10          -
                ordinary    2     0.8500 (0.07071)*  20          1.000
                quadratic   1     0.5000 (-)         30          -
                """);
    }

    @Test
    void divergedRunsLeftOutAreCountedBesideTheRunsKept() {
        List<ComparisonRun> runs = List.of(
                new ComparisonRun("task-based", 1, Map.of("mse", 0.1), 10),
                new ComparisonRun("task-based", 2, Map.of("mse", 0.3), 10),
                new ComparisonRun("ordinary", 1, Map.of("mse", 0.4), 20));

        Comparison comparison = Comparison.of("task-based", runs, Map.of("ordinary", 1));

        assertThat(comparison.row("task-based").runs()).isEqualTo("2");
        assertThat(comparison.row("ordinary").leftOut()).isEqualTo(1);
        assertThat(comparison.row("ordinary").runs()).isEqualTo("1 of 2");
        assertThat(comparison.row("ordinary").cell("mse").mean()).as("the mean of the kept run only").isEqualTo(0.4);
        assertThat(comparison.toText()).contains("ordinary    1 of 2  0.4000 (-)")
                .endsWith("; runs 'n of m': m - n diverged or started dead and are left out\n");
    }

    static Stream<Arguments> invalidRuns() {
        ComparisonRun first = new ComparisonRun("task-based", 1, Map.of("mse", 0.1), 5);
        return Stream.of(
                Arguments.of(List.of(), "task-based", "no runs to compare"),
                Arguments.of(List.of(first, new ComparisonRun("task-based", 1, Map.of("mse", 0.2), 5)), "task-based",
                        "model 'task-based' ran seed 1 twice"),
                Arguments.of(List.of(first, new ComparisonRun("ordinary", 1, Map.of("r2", 0.2), 5)), "task-based",
                        "run of 'ordinary' with seed 1 reports [r2], the first run [mse]"),
                Arguments.of(List.of(first), "xgboost", "reference model 'xgboost' has no runs; the models are "
                        + "[task-based]"));
    }

    @ParameterizedTest
    @MethodSource("invalidRuns")
    void invalidRunsAreRejected(List<ComparisonRun> runs, String reference, String message) {
        assertThatThrownBy(() -> Comparison.of(reference, runs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aRunMustReportFiniteKnownMetrics() {
        assertThatThrownBy(() -> new ComparisonRun("ordinary", 3, Map.of("mse", Double.NaN), 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run of 'ordinary' with seed 3 has mse = NaN; a comparison needs finite values");
        assertThatThrownBy(() -> new ComparisonRun("ordinary", 3, Map.of("loss", 0.1), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown metric 'loss'");
    }
}
