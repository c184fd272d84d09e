package org.taskneurons.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taskneurons.experiment.Aggregation;
import org.taskneurons.experiment.DiscoveryStep;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.LocalRunner;
import org.taskneurons.experiment.ResultJson;
import org.taskneurons.experiment.SpecReader;
import org.taskneurons.experiment.TrainingStep;

/** Stored results, read back and aggregated into the API's report, keep their numbers. */
class ResultJsonTest {
    private static final ExperimentSpec SPEC = SpecReader.parse(StandaloneNodeTest.TINY, true);

    private static TrainingStep.Outcome training(String model, long seed, double mse) {
        return training(model, seed, mse, false);
    }

    private static TrainingStep.Outcome training(String model, long seed, double mse, boolean dead) {
        return new TrainingStep.Outcome(model, seed, List.of(2), List.of(2), 9, Map.of("mse", mse),
                Map.of("mse", mse / 2), 0.5, 5, "cpu()", Map.of(), false, dead);
    }

    /** Two task-based and two ordinary runs of one data set; the second ordinary run is {@code ordinarySeed2}. */
    private static Map<String, String> results(TrainingStep.Outcome ordinarySeed2) {
        Map<String, String> results = new LinkedHashMap<>();
        results.put("discover/paper-no1-low", ResultJson.write(
                new DiscoveryStep.Outcome("6*x^2", "6x^2", 0.01, "subset", 120, 0.2, 80, 3, null, List.of())));
        results.put("train/paper-no1-low/task-based/2/1", ResultJson.write(training("task-based", 1, 0.010)));
        results.put("train/paper-no1-low/task-based/2/2", ResultJson.write(training("task-based", 2, 0.012)));
        results.put("train/paper-no1-low/ordinary/2/1", ResultJson.write(training("ordinary", 1, 0.020)));
        results.put("train/paper-no1-low/ordinary/2/2", ResultJson.write(ordinarySeed2));
        return results;
    }

    @Test
    void outcomesSurviveTheirJsonEvenWhenNotFinite() {
        TrainingStep.Outcome diverged = training("ordinary", 2, Double.NaN);
        TrainingStep.Outcome read = ResultJson.training(ResultJson.write(diverged));
        assertThat(read.testMetrics().get("mse")).isNaN();
        assertThat(read.structure()).isEqualTo(List.of(2));
        DiscoveryStep.Outcome discovery = new DiscoveryStep.Outcome("6*x^2", "6x^2", 0.01, "subset", 120, 0.2, 80, 3, null, List.of());
        assertThat(ResultJson.discovery(ResultJson.write(discovery))).isEqualTo(discovery);
    }

    @Test
    void aDiscoveryKeepsItsParetoFrontAndOlderResultsReadWithAnEmptyOne() {
        DiscoveryStep.Outcome discovery = new DiscoveryStep.Outcome("6·Σx^2", "6x^2", 0.01, "subset", 120, 0.2, 80, 3,
                null, List.of(new DiscoveryStep.FrontEntry(1, 0.5, "0.3", false),
                        new DiscoveryStep.FrontEntry(2, 0.01, "6·Σx^2", true)));
        assertThat(ResultJson.discovery(ResultJson.write(discovery))).isEqualTo(discovery);

        String stored = "{\"formula\":\"6*x^2\",\"latex\":\"6x^2\",\"trainMse\":0.01,\"method\":\"subset\","
                + "\"evaluations\":120,\"seconds\":0.2,\"rows\":80,\"inputs\":3}";
        assertThat(ResultJson.discovery(stored).front()).isEmpty();
    }

    @Test
    void aRunDeadAtStartIsLeftOutAndCountedLikeADivergedOne() {
        JsonObject dataset = new JsonObject(ResultJson.report(Aggregation.ofResults(SPEC,
                results(training("ordinary", 2, 0.090, true)), Map.of()))).getJsonArray("datasets").getJsonObject(0);

        assertThat(dataset.getJsonArray("excluded").getList()).containsExactly("ordinary seed 2 2 (dead at start)");
        JsonObject ordinary = dataset.getJsonArray("tables").getJsonObject(0).getJsonArray("rows").getJsonObject(1);
        assertThat(ordinary.getJsonObject("cells").getJsonObject("mse").getDouble("mean")).isEqualTo(0.020);
        assertThat(ordinary.getString("runs")).isEqualTo("1 of 2");
        assertThat(ResultJson.training(ResultJson.write(training("ordinary", 2, 0.090, true))).dead()).isTrue();
        String stored = ResultJson.write(training("ordinary", 1, 0.020)).replace(",\"dead\":false", "");
        assertThat(stored).doesNotContain("dead");
        assertThat(ResultJson.training(stored).dead()).as("a result stored before the flag").isFalse();
    }

    @Test
    void storedResultsMakeTheReportOfTheirKeys() {
        LocalRunner.Report report = Aggregation.ofResults(SPEC, results(training("ordinary", 2, Double.NaN)), Map.of());
        JsonObject json = new JsonObject(ResultJson.report(report));

        JsonObject dataset = json.getJsonArray("datasets").getJsonObject(0);
        assertThat(dataset.getJsonObject("discovery").getString("formula")).isEqualTo("6*x^2");
        assertThat(dataset.getJsonArray("excluded").getList()).containsExactly("ordinary seed 2 2");
        JsonObject table = dataset.getJsonArray("tables").getJsonObject(0);
        assertThat(table.getString("structureName")).isEqualTo("2");
        assertThat(table.getString("reference")).isEqualTo("task-based");
        JsonObject taskBased = table.getJsonArray("rows").getJsonObject(0);
        assertThat(taskBased.getInteger("n")).isEqualTo(2);
        assertThat(taskBased.getJsonObject("cells").getJsonObject("mse").getDouble("mean")).isEqualTo(0.011);
        assertThat(taskBased.getJsonObject("cells").getJsonObject("mse").getBoolean("best")).isTrue();
        assertThat(taskBased.getInteger("leftOut")).isZero();
        assertThat(taskBased.getString("runs")).isEqualTo("2");
        JsonObject ordinary = table.getJsonArray("rows").getJsonObject(1);
        assertThat(ordinary.getJsonObject("cells").getJsonObject("mse").getDouble("mean")).isEqualTo(0.020);
        assertThat(ordinary.getJsonObject("cells").getJsonObject("mse").getValue("std")).isNull();
        assertThat(ordinary.getInteger("n")).isEqualTo(1);
        assertThat(ordinary.getInteger("leftOut")).as("the diverged seed 2, counted").isEqualTo(1);
        assertThat(ordinary.getString("runs")).isEqualTo("1 of 2");
    }

    @Test
    void aRunIsFlaggedDivergedInItsResult() {
        assertThat(ResultJson.write(training("ordinary", 2, Double.NaN))).contains("\"diverged\":true");
        assertThat(ResultJson.write(training("ordinary", 2, 0.1))).contains("\"diverged\":false");
        String storedBeforeTheFlag = ResultJson.write(training("ordinary", 2, Double.NaN)).replace(",\"diverged\":true", "");
        assertThat(storedBeforeTheFlag).doesNotContain("diverged");
        assertThat(ResultJson.training(storedBeforeTheFlag).diverged()).as("from its metrics").isTrue();
    }

    @Test
    void aPartialRunReportsWhatItHasAndItsFailures() {
        LocalRunner.Report report = Aggregation.ofResults(SPEC, Map.of(),
                Map.of("train/paper-no1-low/ordinary/2/1", "java.lang.IllegalStateException: boom"));
        JsonObject dataset = new JsonObject(ResultJson.report(report)).getJsonArray("datasets").getJsonObject(0);
        assertThat(dataset.getValue("discovery")).isNull();
        assertThat(dataset.getJsonArray("tables")).isEmpty();
        assertThat(dataset.getJsonObject("failures").getString("train/paper-no1-low/ordinary/2/1")).contains("boom");
    }
}
