package org.taskneurons.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.LocalRunner;
import org.taskneurons.experiment.ResultJson;
import org.taskneurons.experiment.SpecReader;
import org.taskneurons.store.StoreConfig;
import org.taskneurons.testing.Polling;
import org.taskneurons.testing.TinySpec;

/** A standalone node (scheduler, API and workers on one local Vert.x) against a real H2 store. */
@ExtendWith(VertxExtension.class)
class StandaloneNodeTest {
    /** The quickstart made tiny: the paper's synthetic group no1, 5 epochs, 2 seeds. */
    static final String TINY = TinySpec.yaml("tiny", 5, 1, 2);

    @TempDir
    Path folder;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<JsonObject> events = new CopyOnWriteArrayList<>();
    private Node node;

    private NodeConfig config() {
        return NodeConfig.standalone(StoreConfig.h2(folder.resolve("store")), List.of(folder)).withSlots(2)
                .withUseGpus(false);
    }

    @BeforeEach
    void listen(Vertx vertx) {
        vertx.eventBus().<JsonObject>consumer(Addresses.EVENTS, message -> events.add(message.body()));
    }

    @AfterEach
    void close() {
        if (node != null) {
            Bus.await(node.close());
        }
    }

    @Test
    void noopSweepRunsToDoneWithEventsMetricsAndNodes(Vertx vertx) {
        node = Bus.await(Node.deploy(vertx, config(), registry));
        JsonObject submitted = Bus.submitNoop(vertx, 20, 0);
        assertThat(submitted.getLong("total")).isEqualTo(20);
        String id = submitted.getString("id");
        JsonObject done = Bus.awaitState(vertx, id, "DONE", Duration.ofSeconds(30));
        assertThat(done.getJsonObject("counts").getLong("DONE")).isEqualTo(20);
        JsonArray results = Bus.call(vertx, Addresses.API_RESULTS, new JsonObject().put("id", id)).getJsonArray("results");
        assertThat(results).hasSize(20);
        assertThat(results.getJsonObject(0).getString("key")).startsWith("noop/");
        assertThat(results.getJsonObject(0).getJsonObject("result")).isEqualTo(new JsonObject());
        JsonObject tasks = Bus.call(vertx, Addresses.API_TASKS, new JsonObject().put("id", id).put("limit", 5));
        assertThat(tasks.getJsonArray("tasks")).hasSize(5);
        assertThat(tasks.getLong("total")).isEqualTo(20);
        assertThat(tasks.getJsonArray("tasks").getJsonObject(0).getString("state")).isEqualTo("DONE");
        JsonObject trials = Bus.call(vertx, Addresses.API_TRIALS, new JsonObject().put("id", id));
        assertThat(trials.getString("experiment")).isEqualTo(id);
        assertThat(trials.getJsonArray("trials")).as("no search, no trials").isEmpty();
        assertThat(trials.getJsonArray("best")).isEmpty();

        Predicate<JsonObject> taskDone = event -> "task".equals(event.getString("type")) && "DONE".equals(event.getString("state"));
        Predicate<JsonObject> experimentDone = event -> "experiment".equals(event.getString("type"))
                && id.equals(event.getString("experimentId")) && "DONE".equals(event.getString("state"));
        Polling.until("the DONE events and the gauge of done tasks", Duration.ofSeconds(10),
                () -> events.stream().anyMatch(taskDone) && events.stream().anyMatch(experimentDone)
                        && registry.get(MetricNames.TASKS).tag(MetricNames.TAG_STATE, "done").gauge().value() == 20);
        assertThat(events).anyMatch(taskDone);
        assertThat(events).anyMatch(experimentDone);
        JsonArray nodes = Bus.call(vertx, Addresses.API_NODES, new JsonObject()).getJsonArray("nodes");
        assertThat(nodes).hasSize(1);
        JsonObject standalone = nodes.getJsonObject(0);
        assertThat(standalone.getString("node")).isEqualTo("standalone");
        assertThat(standalone.getJsonArray("workers").getJsonObject(0).getInteger("slots")).isEqualTo(2);
        assertThat(standalone.getJsonArray("workers").getJsonObject(0).getJsonArray("devices").getJsonObject(0)
                .getString("kind")).isEqualTo("cpu");
        assertThat(registry.get(MetricNames.TASKS).tag(MetricNames.TAG_STATE, "done").gauge().value()).isEqualTo(20);
        assertThat(registry.get(MetricNames.TASK_DURATION).tag(MetricNames.TAG_TYPE, "noop").timer().count())
                .isEqualTo(20);
        assertThat(registry.get(MetricNames.SLOTS).tag(MetricNames.TAG_NODE, "standalone").gauge().value()).isEqualTo(2);
    }

    @Test
    void tinySpecReportsTheNumbersOfALocalRun(Vertx vertx) {
        node = Bus.await(Node.deploy(vertx, config(), registry));
        JsonObject submitted = Bus.call(vertx, Addresses.API_SUBMIT,
                new JsonObject().put("specText", TINY).put("format", "yaml")).getJsonObject("experiment");
        assertThat(submitted.getLong("total")).isEqualTo(5);
        String id = submitted.getString("id");
        Bus.awaitState(vertx, id, "DONE", Duration.ofSeconds(120));
        JsonObject served = Bus.call(vertx, Addresses.API_REPORT, new JsonObject().put("id", id)).getJsonObject("report");

        ExperimentSpec spec = SpecReader.parse(TINY, true);
        LocalRunner.Report local = LocalRunner.of(List.of(), 1, LocalRunner.Listener.NONE, () -> false).run(spec);
        JsonObject expected = new JsonObject(ResultJson.report(local));
        JsonObject servedSet = served.getJsonArray("datasets").getJsonObject(0);
        JsonObject expectedSet = expected.getJsonArray("datasets").getJsonObject(0);
        assertThat(servedSet.getJsonArray("tables")).isEqualTo(expectedSet.getJsonArray("tables"));
        assertThat(servedSet.getJsonObject("discovery").getString("formula"))
                .isEqualTo(expectedSet.getJsonObject("discovery").getString("formula"));
        JsonObject row = servedSet.getJsonArray("tables").getJsonObject(0).getJsonArray("rows").getJsonObject(0);
        assertThat(row.getString("model")).isEqualTo("task-based");
        assertThat(row.getInteger("n")).isEqualTo(2);

        JsonArray results = Bus.call(vertx, Addresses.API_RESULTS, new JsonObject().put("id", id)).getJsonArray("results");
        assertThat(results).hasSize(5).allSatisfy(result -> assertThat(((JsonObject) result).getString("dataset"))
                .isEqualTo("paper-no1-low"));
        JsonObject experiment = Bus.call(vertx, Addresses.API_EXPERIMENT, new JsonObject().put("id", id));
        assertThat(experiment.getJsonObject("spec").getString("name")).isEqualTo("tiny");
        assertThat(experiment.getJsonObject("report").getJsonArray("datasets")).hasSize(1);
        JsonArray curves = Bus.call(vertx, Addresses.API_PROGRESS, new JsonObject().put("id", id)).getJsonArray("curves");
        assertThat(curves).anyMatch(curve -> "train_loss".equals(((JsonObject) curve).getString("series"))
                && ((JsonObject) curve).getJsonArray("points").size() >= 1
                && ((JsonObject) curve).getJsonArray("points").getJsonArray(((JsonObject) curve).getJsonArray("points")
                        .size() - 1).getDouble(0) == 5.0);
        assertThat(curves.stream().map(JsonObject.class::cast).filter(curve -> curve.getString("key").startsWith("train/")
                && "train_loss".equals(curve.getString("series")))).hasSize(4)
                .allMatch(curve -> curve.getJsonArray("points").size() == 5, "one point per epoch");
        assertThat(registry.get(MetricNames.TRAINING_STEPS).counter().count()).isPositive();
        assertThat(events).anyMatch(event -> "task".equals(event.getString("type"))
                && "QUEUED".equals(event.getString("state"))
                && event.getString("key").startsWith("train/paper-no1-low/task-based/"));
        assertThat(registry.get(MetricNames.TASKS).tag(MetricNames.TAG_STATE, "done").gauge().value())
                .isCloseTo(5, within(5.0));
    }

    @Test
    void badRequestsFailWithTheirCodeAndStoreNothing(Vertx vertx) {
        node = Bus.await(Node.deploy(vertx, config(), registry));
        ReplyException badField = Bus.failure(vertx, Addresses.API_SUBMIT,
                new JsonObject().put("spec", new JsonObject().put("datasets", new JsonArray()
                        .add(new JsonObject().put("synthetic", "paper-no1-low"))).put("training",
                        new JsonObject().put("epochs", 0))));
        assertThat(badField.failureCode()).isEqualTo(400);
        JsonObject error = new JsonObject(badField.getMessage());
        assertThat(error.getJsonArray("violations")).anyMatch(violation -> "training.epochs"
                .equals(((JsonObject) violation).getString("field")));

        ReplyException unknown = Bus.failure(vertx, Addresses.API_SUBMIT, new JsonObject().put("spec",
                new JsonObject().put("datasets", new JsonArray().add(new JsonObject().put("synthetic", "paper-no1-low")
                        .put("tagret", "y")))));
        assertThat(unknown.failureCode()).isEqualTo(400);
        assertThat(new JsonObject(unknown.getMessage()).getJsonArray("violations").getJsonObject(0).getString("field"))
                .isEqualTo("datasets[0].tagret");

        ReplyException outside = Bus.failure(vertx, Addresses.API_VALIDATE, new JsonObject().put("specText",
                "{\"datasets\": [{\"file\": \"../../etc/passwd\"}]}").put("format", "json"));
        assertThat(outside.failureCode()).isEqualTo(400);
        assertThat(new JsonObject(outside.getMessage()).getJsonArray("violations"))
                .anyMatch(violation -> ((JsonObject) violation).getString("field").startsWith("datasets[0]"));

        assertThat(Bus.failure(vertx, Addresses.API_SUBMIT, new JsonObject().put("noop", new JsonObject()
                .put("tasks", 3).put("sleep", 1))).failureCode()).isEqualTo(400);
        assertThat(Bus.failure(vertx, Addresses.API_SUBMIT, new JsonObject().put("speck", new JsonObject()))
                .failureCode()).isEqualTo(400);
        assertThat(Bus.call(vertx, Addresses.API_EXPERIMENTS, new JsonObject()).getJsonArray("experiments")).isEmpty();

        for (String address : List.of(Addresses.API_EXPERIMENT, Addresses.API_CANCEL, Addresses.API_DELETE,
                Addresses.API_TASKS, Addresses.API_RESULTS, Addresses.API_REPORT, Addresses.API_PROGRESS,
                Addresses.API_TRIALS)) {
            ReplyException missing = Bus.failure(vertx, address, new JsonObject().put("id", "no-such-id"));
            assertThat(missing.failureCode()).as(address).isEqualTo(404);
        }
        assertThat(Bus.failure(vertx, Addresses.API_EXPERIMENT, new JsonObject()).failureCode()).isEqualTo(400);
        assertThat(Bus.failure(vertx, Addresses.API_EXPERIMENTS, new JsonObject().put("limit", 0)).failureCode())
                .isEqualTo(400);

        JsonObject valid = Bus.call(vertx, Addresses.API_VALIDATE, new JsonObject().put("specText", TINY));
        assertThat(valid.getBoolean("valid")).isTrue();
        assertThat(valid.getInteger("tasks")).isEqualTo(5);
        assertThat(Bus.call(vertx, Addresses.API_EXPERIMENTS, new JsonObject()).getJsonArray("experiments")).isEmpty();
    }

    @Test
    void cancelStopsARunningTrainingAtItsNextEpoch(Vertx vertx) {
        node = Bus.await(Node.deploy(vertx, config().withSlots(1), registry));
        String longSpec = TINY.replace("epochs: 5", "epochs: 100000").replace("models: [task-based, ordinary]",
                "models: [ordinary]").replace("seeds: [1, 2]", "seeds: [1]");
        String id = Bus.call(vertx, Addresses.API_SUBMIT, new JsonObject().put("specText", longSpec))
                .getJsonObject("experiment").getString("id");
        AtomicInteger epochs = new AtomicInteger();
        vertx.eventBus().consumer(Addresses.progress(id), progress -> epochs.incrementAndGet());
        Bus.awaitExperiment(vertx, id, summary -> summary.getJsonObject("counts").getLong("RUNNING") > 0,
                Duration.ofSeconds(30));
        Polling.until("the training's first progress report", Duration.ofSeconds(30), () -> epochs.get() > 0);
        JsonObject cancelled = Bus.call(vertx, Addresses.API_CANCEL, new JsonObject().put("id", id))
                .getJsonObject("experiment");
        assertThat(cancelled.getString("state")).isEqualTo("CANCELLED");
        // The one slot is free again once the training has stopped: a noop experiment then runs.
        long start = System.nanoTime();
        String next = Bus.submitNoop(vertx, 1, 0).getString("id");
        Bus.awaitState(vertx, next, "DONE", Duration.ofSeconds(30));
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(25);
        JsonArray tasks = Bus.call(vertx, Addresses.API_TASKS, new JsonObject().put("id", id)).getJsonArray("tasks");
        assertThat(tasks).allMatch(task -> "CANCELLED".equals(((JsonObject) task).getString("state"))
                || "DONE".equals(((JsonObject) task).getString("state")));
        assertThat(Bus.call(vertx, Addresses.API_RESULTS, new JsonObject().put("id", id)).getJsonArray("results"))
                .noneMatch(result -> ((JsonObject) result).getString("key").startsWith("train/"));
    }

    @Test
    void aRestartedNodeCarriesOnWithoutRerunningFinishedTasks(Vertx vertx) {
        NodeConfig config = config().withLease(Duration.ofMillis(800)).withHeartbeat(Duration.ofMillis(200));
        node = Bus.await(Node.deploy(vertx, config, registry));
        String id = Bus.submitNoop(vertx, 30, 100).getString("id");
        Bus.awaitExperiment(vertx, id, summary -> summary.getJsonObject("counts").getLong("DONE") >= 6,
                Duration.ofSeconds(30));
        Bus.await(node.close());
        node = null;
        node = Bus.await(Node.deploy(vertx, config, registry));
        List<JsonObject> firstResults = Bus.call(vertx, Addresses.API_RESULTS, new JsonObject().put("id", id))
                .getJsonArray("results").stream().map(JsonObject.class::cast).toList();
        assertThat(firstResults.size()).isGreaterThanOrEqualTo(6);
        Bus.awaitState(vertx, id, "DONE", Duration.ofSeconds(60));
        List<JsonObject> all = Bus.call(vertx, Addresses.API_RESULTS, new JsonObject().put("id", id))
                .getJsonArray("results").stream().map(JsonObject.class::cast).toList();
        assertThat(all).hasSize(30);
        for (JsonObject first : firstResults) {
            assertThat(all).filteredOn(result -> result.getString("taskId").equals(first.getString("taskId")))
                    .singleElement().isEqualTo(first);
        }
        JsonArray tasks = Bus.call(vertx, Addresses.API_TASKS, new JsonObject().put("id", id)).getJsonArray("tasks");
        assertThat(tasks.stream().map(JsonObject.class::cast).filter(task -> firstResults.stream()
                .anyMatch(result -> result.getString("taskId").equals(task.getString("id")))))
                .allMatch(task -> task.getInteger("attempt") == 1);
    }
}
