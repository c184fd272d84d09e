package org.taskneurons.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.LocalRunner;
import org.taskneurons.experiment.ResultJson;
import org.taskneurons.experiment.SpecReader;
import org.taskneurons.store.StoreConfig;
import org.taskneurons.testing.Polling;

/**
 * A search submitted to a standalone node: its graph grows as results arrive (promotions
 * continue from their checkpoints, then each model's best configuration runs over the seeds),
 * its report carries the search list, its events the trials and promotions; a bad search is
 * refused with the field named and nothing stored.
 */
@ExtendWith(VertxExtension.class)
class SearchNodeTest {
    @TempDir
    Path folder;
    private Node node;

    @AfterEach
    void close() {
        if (node != null) {
            Bus.await(node.close());
        }
    }

    /**
     * One slot, so results arrive in queue order: asynchronous promotion decides on the results
     * it has, and with two slots the order (and so an early promotion more or less) would
     * depend on the machine's load.
     */
    private void deploy(Vertx vertx) {
        node = Bus.await(Node.deploy(vertx, NodeConfig.standalone(StoreConfig.h2(folder.resolve("store")), List.of(folder))
                .withSlots(1).withUseGpus(false), new SimpleMeterRegistry()));
    }

    @Test
    void aSearchGrowsToItsBestConfigurationsAndReportsWhatItSpent(Vertx vertx) throws Exception {
        deploy(vertx);
        List<JsonObject> events = new CopyOnWriteArrayList<>();
        vertx.eventBus().<JsonObject>consumer(Addresses.EVENTS, message -> events.add(message.body()));
        String spec = Files.readString(Path.of("../experiments/search-quickstart.yaml"));
        JsonObject submitted = Bus.call(vertx, Addresses.API_SUBMIT, new JsonObject().put("specText", spec))
                .getJsonObject("experiment");
        assertThat(submitted.getLong("total")).isEqualTo(1 + 2 * 9);
        String id = submitted.getString("id");
        JsonObject done = Bus.awaitExperiment(vertx, id, experiment -> !"ACTIVE".equals(experiment.getString("state")),
                Duration.ofSeconds(180));
        JsonArray tasks = Bus.call(vertx, Addresses.API_TASKS, new JsonObject().put("id", id).put("limit", 1000))
                .getJsonArray("tasks");
        assertThat(done.getString("state")).as(tasks.stream().map(JsonObject.class::cast)
                .map(task -> task.getString("error")).filter(java.util.Objects::nonNull).findFirst()
                .orElse("no error")).isEqualTo("DONE");

        // 9 trials at 1 epoch, 3 promoted to 3, 1 to 9, 3 seeds of the best: per model.
        assertThat(done.getLong("total")).isEqualTo(1 + 2 * (9 + 3 + 1 + 3));
        JsonArray results = Bus.call(vertx, Addresses.API_RESULTS, new JsonObject().put("id", id)).getJsonArray("results");
        Map<String, JsonObject> byKey = results.stream().map(JsonObject.class::cast)
                .collect(Collectors.toMap(result -> result.getString("key"), Function.identity()));
        assertThat(byKey).hasSize(33);
        JsonObject promoted = byKey.values().stream().filter(result -> result.getString("key").endsWith("/9"))
                .filter(result -> result.getString("key").contains("/ordinary/")).findFirst().orElseThrow();
        assertThat(promoted.getJsonObject("result").getInteger("epochs")).as("continued from epoch 3").isEqualTo(6);

        JsonObject report = Bus.call(vertx, Addresses.API_REPORT, new JsonObject().put("id", id)).getJsonObject("report");
        JsonArray search = report.getJsonArray("search");
        assertThat(search).hasSize(2);
        for (Object entry : search) {
            JsonObject model = (JsonObject) entry;
            assertThat(model.getInteger("trials")).isEqualTo(9);
            assertThat(model.getLong("epochs_spent")).isEqualTo(9 + 3 * 2 + 6);
            assertThat(model.getLong("epochs_full_budget")).isEqualTo(81);
            assertThat(model.getJsonObject("best").getString("metric")).isEqualTo("val_mse");
        }
        JsonObject table = report.getJsonArray("datasets").getJsonObject(0).getJsonArray("tables").getJsonObject(0);
        assertThat(table.getString("structureName")).isEqualTo("best");
        assertThat(table.getJsonArray("rows")).hasSize(2);

        assertTrials(vertx, id, search);

        // A local run decides on whole rungs; with these results it makes the same choices.
        LocalRunner.Report local = LocalRunner.of(List.of(), 2, LocalRunner.Listener.NONE, () -> false)
                .run(SpecReader.parse(spec, true));
        JsonArray expected = new JsonObject(ResultJson.report(local)).getJsonArray("search");
        assertThat(search).isEqualTo(expected);

        Predicate<JsonObject> trial = event -> "trial".equals(event.getString("type")) && id.equals(event.getString("experimentId"));
        Predicate<JsonObject> promotion = event -> "promotion".equals(event.getString("type"));
        Predicate<JsonObject> best = event -> "best".equals(event.getString("type"));
        Polling.until("the search's trial, promotion and best events", Duration.ofSeconds(10),
                () -> events.stream().filter(trial).count() >= 2 * (9 + 3 + 1)
                        && events.stream().filter(promotion).count() >= 2 * (3 + 1) && events.stream().filter(best).count() >= 2 * 3);
        assertThat(events.stream().filter(trial)).hasSize(2 * (9 + 3 + 1));
        assertThat(events.stream().filter(promotion)).hasSize(2 * (3 + 1));
        assertThat(events.stream().filter(best)).hasSize(2 * 3);
    }

    /**
     * Per model: 9 trials at rung 0 (3 promoted, 6 stopped), 3 at rung 1 (1 promoted, 2
     * stopped), 1 at rung 2 (stopped: the last rung); the best as the report has it; pages.
     */
    private static void assertTrials(Vertx vertx, String id, JsonArray search) {
        JsonObject answer = Bus.call(vertx, Addresses.API_TRIALS, new JsonObject().put("id", id).put("limit", 1000));
        assertThat(answer.getString("experiment")).isEqualTo(id);
        assertThat(answer.getInteger("total")).isEqualTo(2 * (9 + 3 + 1));
        List<JsonObject> trials = answer.getJsonArray("trials").stream().map(JsonObject.class::cast).toList();
        assertThat(trials).hasSize(26).allSatisfy(trial -> {
            assertThat(trial.getString("state")).isEqualTo("DONE");
            assertThat(trial.getString("metric")).isEqualTo("val_mse");
            assertThat(trial.getDouble("value")).isPositive();
            assertThat(trial.getBoolean("promoted") && trial.getBoolean("stopped")).isFalse();
            assertThat(trial.getString("task")).isNotBlank();
            assertThat(trial.getJsonObject("config").fieldNames()).contains("learning_rate");
        });
        for (String model : List.of("task-based", "ordinary")) {
            for (int rung = 0; rung < 3; rung++) {
                int at = rung;
                List<JsonObject> inRung = trials.stream().filter(trial -> trial.getString("model").equals(model)
                        && trial.getInteger("rung") == at).toList();
                int expected = new int[] {9, 3, 1}[rung];
                assertThat(inRung).as(model + " rung " + rung).hasSize(expected)
                        .allMatch(trial -> trial.getInteger("epochs") == new int[] {1, 3, 9}[at]);
                assertThat(inRung.stream().filter(trial -> trial.getBoolean("promoted"))).hasSize(expected / 3);
                assertThat(inRung.stream().filter(trial -> trial.getBoolean("stopped"))).hasSize(expected - expected / 3);
            }
            JsonObject best = answer.getJsonArray("best").stream().map(JsonObject.class::cast)
                    .filter(entry -> entry.getString("model").equals(model)).findFirst().orElseThrow();
            JsonObject reported = search.stream().map(JsonObject.class::cast)
                    .filter(entry -> entry.getString("model").equals(model)).findFirst().orElseThrow().getJsonObject("best");
            assertThat(best.getInteger("trial")).isEqualTo(reported.getInteger("trial"));
            assertThat(best.getDouble("value")).isEqualTo(reported.getDouble("value"));
            assertThat(best.getJsonObject("config")).isEqualTo(reported.getJsonObject("config"));
            JsonObject finalRung = trials.stream().filter(trial -> trial.getString("model").equals(model)
                    && trial.getInteger("rung") == 2).findFirst().orElseThrow();
            assertThat(finalRung.getInteger("trial")).as("the best is the last rung's").isEqualTo(best.getInteger("trial"));
        }
        JsonObject page = Bus.call(vertx, Addresses.API_TRIALS, new JsonObject().put("id", id).put("offset", 24).put("limit", 5));
        assertThat(page.getJsonArray("trials")).containsExactlyElementsOf(trials.subList(24, 26));
        assertThat(page.getInteger("total")).isEqualTo(26);
    }

    @Test
    void aBadSearchIsRefusedNamingItsFieldAndNothingIsStored(Vertx vertx) {
        deploy(vertx);
        String spec = """
                name: bad
                datasets: [{synthetic: paper-no1-low}]
                split: {validation: 0.2}
                search: {space: {learning_rate: {log_uniform: [0, 1]}}}
                """;
        ReplyException refused = Bus.failure(vertx, Addresses.API_SUBMIT, new JsonObject().put("specText", spec));
        assertThat(refused.failureCode()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("search.space.learning_rate.log_uniform");
        assertThat(Bus.call(vertx, Addresses.API_EXPERIMENTS, new JsonObject()).getJsonArray("experiments")).isEmpty();
        assertThat(ExperimentSpec.SearchSpec.MAX_TRIALS).isEqualTo(1000);
    }
}
