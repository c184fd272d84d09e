package org.taskneurons.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.taskneurons.store.StoreConfig;
import org.taskneurons.testing.TinySpec;

/**
 * Bundles end to end (issue 13, item 2): a coordinator and worker nodes on one local Vert.x
 * against a real H2 store, training the paper's synthetic group no1 on the fused path.
 */
@ExtendWith(VertxExtension.class)
class BundleNodeTest {
    /** Four seeds of a task-based and an ordinary network: two bundle keys, each of four trainings. */
    private static final String SEEDS = TinySpec.yaml("seeds", 30, 1, 2, 3, 4);

    @TempDir
    Path folder;
    private final Map<String, Set<String>> progressSeries = new ConcurrentHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, SimpleMeterRegistry> registries = new ConcurrentHashMap<>();

    @AfterEach
    void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Bus.await(nodes.get(i).close());
        }
    }

    private Node coordinator(Vertx vertx, Duration lease) {
        return deploy(vertx, NodeConfig.coordinator("coordinator", StoreConfig.h2(folder.resolve("store")), List.of(folder))
                .withLease(lease).withHeartbeat(lease.dividedBy(5)));
    }

    private Node worker(Vertx vertx, String name, int slots, int bundleSize) {
        return deploy(vertx, NodeConfig.worker(name, List.of(folder)).withSlots(slots).withUseGpus(false)
                .withBundleSize(bundleSize).withLease(Duration.ofSeconds(1)).withHeartbeat(Duration.ofMillis(200)));
    }

    private Node deploy(Vertx vertx, NodeConfig config) {
        Node node = Bus.await(Node.deploy(vertx, config, registries.computeIfAbsent(config.nodeName(),
                name -> new SimpleMeterRegistry())));
        nodes.add(node);
        return node;
    }

    private String submit(Vertx vertx, String spec) {
        String id = Bus.call(vertx, Addresses.API_SUBMIT, new JsonObject().put("specText", spec).put("format", "yaml"))
                .getJsonObject("experiment").getString("id");
        vertx.eventBus().<JsonObject>consumer(Addresses.progress(id), message -> progressSeries
                .computeIfAbsent(message.body().getString("key"), key -> ConcurrentHashMap.newKeySet())
                .add(message.body().getString("series")));
        return id;
    }

    @Test
    void aBundleTrainsEachSeedAsItTrainsAloneAndRecordsItsOwnResultAndCurve(Vertx vertx) {
        coordinator(vertx, Duration.ofSeconds(5));
        Node bundled = worker(vertx, "bundled", 1, 4);
        String together = submit(vertx, SEEDS);
        Bus.awaitState(vertx, together, "DONE", Duration.ofSeconds(120));
        Bus.await(bundled.close());
        nodes.remove(bundled);
        // The discovery alone, then each model's four seeds in one pass.
        assertThat(counted("bundled", MetricNames.BUNDLES)).isEqualTo(3);
        assertThat(counted("bundled", MetricNames.BUNDLE_TASKS)).isEqualTo(9);
        assertThat(progressSeries.keySet().stream().filter(key -> key.startsWith("train/")))
                .as("every training sent its own curve").hasSize(8);
        assertThat(progressSeries.values()).allSatisfy(series -> assertThat(series).isNotEmpty());

        worker(vertx, "alone", 1, 1);
        String oneByOne = submit(vertx, SEEDS.replace("name: seeds", "name: one-by-one"));
        Bus.awaitState(vertx, oneByOne, "DONE", Duration.ofSeconds(120));
        assertThat(counted("alone", MetricNames.BUNDLES)).isEqualTo(9);
        assertThat(counted("alone", MetricNames.BUNDLE_TASKS)).isEqualTo(9);

        Map<String, JsonObject> bundledResults = trainings(vertx, together);
        Map<String, JsonObject> aloneResults = trainings(vertx, oneByOne);
        assertThat(bundledResults).hasSize(8);
        assertThat(bundledResults.keySet()).isEqualTo(aloneResults.keySet());
        bundledResults.forEach((key, result) -> {
            JsonObject alone = aloneResults.get(key);
            assertThat(result.getString("worker")).startsWith("bundled/");
            assertThat(result.getJsonObject("testMetrics")).as(key).isEqualTo(alone.getJsonObject("testMetrics"));
            assertThat(result.getJsonObject("trainMetrics")).as(key).isEqualTo(alone.getJsonObject("trainMetrics"));
            assertThat(result.getInteger("epochs")).as(key).isEqualTo(30);
            assertThat(result.getString("device")).as(key).startsWith("cpu").isEqualTo(alone.getString("device"));
            assertThat(result.getJsonObject("curves").getJsonArray("train_loss")).as(key).hasSize(30);
        });
    }

    @Test
    void cancellingOneExperimentStopsOnlyItsBundle(Vertx vertx) {
        coordinator(vertx, Duration.ofSeconds(2));
        worker(vertx, "shared", 2, 4);
        String endless = submit(vertx, SEEDS.replace("epochs: 30", "epochs: 1000000").replace("name: seeds", "name: endless")
                .replace("models: [task-based, ordinary]", "models: [ordinary]"));
        String finite = submit(vertx, SEEDS.replace("epochs: 30", "epochs: 300").replace("name: seeds", "name: finite")
                .replace("models: [task-based, ordinary]", "models: [ordinary]"));
        Bus.awaitExperiment(vertx, endless, summary -> summary.getJsonObject("counts").getLong("RUNNING") == 4,
                Duration.ofSeconds(60));
        Bus.awaitExperiment(vertx, finite, summary -> summary.getJsonObject("counts").getLong("RUNNING") == 4,
                Duration.ofSeconds(60));

        Bus.call(vertx, Addresses.API_CANCEL, new JsonObject().put("id", endless));
        Bus.awaitState(vertx, finite, "DONE", Duration.ofSeconds(120));
        awaitNodes(vertx, nodes -> busySlots(nodes) == 0, Duration.ofSeconds(30));

        assertThat(trainings(vertx, finite)).hasSize(4);
        assertThat(trainings(vertx, endless)).isEmpty();
        assertThat(Bus.call(vertx, Addresses.API_TASKS, new JsonObject().put("id", endless)).getJsonArray("tasks").stream()
                .map(JsonObject.class::cast).filter(task -> task.getString("key").startsWith("train/")))
                .hasSize(4).allSatisfy(task -> assertThat(task.getString("state")).isEqualTo("CANCELLED"));
    }

    @Test
    void aWorkerStoppedMidBundleHasEachTaskQueuedAgainAndRecordedOnce(Vertx vertx) {
        coordinator(vertx, Duration.ofSeconds(1));
        Node first = worker(vertx, "first", 1, 4);
        String id = submit(vertx, SEEDS.replace("epochs: 30", "epochs: 3000")
                .replace("models: [task-based, ordinary]", "models: [ordinary]"));
        Bus.awaitExperiment(vertx, id, summary -> summary.getJsonObject("counts").getLong("RUNNING") == 4,
                Duration.ofSeconds(60));
        // The worker goes away without a word: its bundle stops, nothing is reported, the leases run out.
        Bus.await(first.close());
        nodes.remove(first);
        Bus.awaitExperiment(vertx, id, summary -> summary.getJsonObject("counts").getLong("QUEUED") == 4,
                Duration.ofSeconds(30));

        worker(vertx, "second", 1, 4);
        Bus.awaitState(vertx, id, "DONE", Duration.ofSeconds(180));
        Map<String, JsonObject> results = trainings(vertx, id);
        assertThat(results).hasSize(4).allSatisfy((key, result) -> {
            assertThat(result.getString("worker")).startsWith("second/");
            assertThat(result.getInteger("attempt")).isEqualTo(2);
        });
        assertThat(Bus.call(vertx, Addresses.API_TASKS, new JsonObject().put("id", id)).getJsonArray("tasks").stream()
                .map(JsonObject.class::cast).filter(task -> task.getString("key").startsWith("train/")))
                .hasSize(4).allSatisfy(task -> {
                    assertThat(task.getInteger("attempt")).isEqualTo(2);
                    assertThat(task.getString("error")).contains("lease expired on attempt 1");
                });
    }

    private double counted(String node, String meter) {
        return registries.get(node).get(meter).counter().count();
    }

    /** The experiment's training results by task key, each with its worker and attempt. */
    private static Map<String, JsonObject> trainings(Vertx vertx, String experimentId) {
        return Bus.call(vertx, Addresses.API_RESULTS, new JsonObject().put("id", experimentId)).getJsonArray("results")
                .stream().map(JsonObject.class::cast).filter(result -> result.getString("key").startsWith("train/"))
                .collect(Collectors.toMap(result -> result.getString("key"), result -> result.getJsonObject("result")
                        .copy().put("worker", result.getString("worker")).put("attempt", result.getInteger("attempt"))));
    }

    private static void awaitNodes(Vertx vertx, Predicate<List<JsonObject>> condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        List<JsonObject> nodes = List.of();
        while (System.nanoTime() < end) {
            nodes = Bus.call(vertx, Addresses.API_NODES, new JsonObject()).getJsonArray("nodes").stream()
                    .map(JsonObject.class::cast).toList();
            if (condition.test(nodes)) {
                return;
            }
            Bus.sleep(100);
        }
        assertThat(condition.test(nodes)).as("nodes after %s: %s", timeout, nodes).isTrue();
    }

    private static int busySlots(List<JsonObject> nodes) {
        return nodes.stream().flatMap(node -> node.getJsonArray("workers").stream().map(JsonObject.class::cast))
                .mapToInt(worker -> worker.getInteger("busy")).sum();
    }
}
