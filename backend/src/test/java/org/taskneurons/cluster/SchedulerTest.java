package org.taskneurons.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.taskneurons.store.Attempt;
import org.taskneurons.store.Heartbeat;
import org.taskneurons.store.StoreConfig;

/**
 * The scheduler's side of the worker protocol, driven by hand: a coordinator without slots on
 * a local Vert.x, and the test playing the workers.
 */
@ExtendWith(VertxExtension.class)
class SchedulerTest {
    @TempDir
    Path folder;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Node node;

    private Node coordinator(Vertx vertx, Duration lease) {
        NodeConfig config = NodeConfig.coordinator("coordinator", StoreConfig.h2(folder.resolve("store")), List.of())
                .withLease(lease);
        node = Bus.await(Node.deploy(vertx, config, registry));
        return node;
    }

    @AfterEach
    void close() {
        if (node != null) {
            Bus.await(node.close());
        }
    }

    private static LeaseGrant leaseBundle(Vertx vertx, String worker, int bundleSize) {
        return Bus.await(vertx.eventBus().<LeaseGrant>request(Addresses.SCHEDULER_LEASE,
                new LeaseAsk(worker, "test-node", false, bundleSize))).body();
    }

    /** One task, or null when none is queued. */
    private static LeasedTask lease(Vertx vertx, String worker) {
        List<LeasedTask> tasks = leaseBundle(vertx, worker, 1).tasks();
        assertThat(tasks).hasSizeLessThanOrEqualTo(1);
        return tasks.isEmpty() ? null : tasks.get(0);
    }

    private static Future<String> complete(Vertx vertx, LeasedTask task, String worker) {
        return vertx.eventBus().<Acknowledgement>request(Addresses.SCHEDULER_COMPLETE, new TaskCompletion(
                        AttemptHeader.of(task, worker, 5), "{\"answer\":42}"))
                .map(reply -> reply.body().outcome());
    }

    private static JsonObject onlyTask(Vertx vertx, String experimentId) {
        return Bus.call(vertx, Addresses.API_TASKS, new JsonObject().put("id", experimentId)).getJsonArray("tasks")
                .getJsonObject(0);
    }

    @Test
    void aResultSentTwiceIsRecordedOnce(Vertx vertx) {
        coordinator(vertx, Duration.ofSeconds(30));
        String id = Bus.submitNoop(vertx, 1, 0).getString("id");
        LeasedTask task = lease(vertx, "worker-a");
        assertThat(task).isNotNull();
        assertThat(task.attempt()).isEqualTo(1);
        assertThat(lease(vertx, "worker-b")).isNull();

        List<String> outcomes = Bus.await(Future.all(complete(vertx, task, "worker-a"), complete(vertx, task, "worker-a")))
                .<String>list();
        assertThat(outcomes).containsExactlyInAnyOrder("RECORDED", "DUPLICATE");
        assertThat(Bus.await(complete(vertx, task, "worker-a"))).isEqualTo("DUPLICATE");

        Bus.awaitState(vertx, id, "DONE", Duration.ofSeconds(5));
        assertThat(Bus.call(vertx, Addresses.API_RESULTS, new JsonObject().put("id", id)).getJsonArray("results"))
                .singleElement().satisfies(result -> assertThat(((JsonObject) result).getJsonObject("result")
                        .getInteger("answer")).isEqualTo(42));
        assertThat(registry.get(MetricNames.TASK_DURATION).tag(MetricNames.TAG_TYPE, "noop")
                .tag(MetricNames.TAG_OUTCOME, "done").timer().count())
                .isEqualTo(1);
    }

    @Test
    void theLeaseOfAVanishedWorkerExpiresAndItsTaskRunsAgain(Vertx vertx) {
        coordinator(vertx, Duration.ofMillis(300));
        String id = Bus.submitNoop(vertx, 1, 0).getString("id");
        LeaseGrant grant = leaseBundle(vertx, "vanished", 1);
        assertThat(grant.leaseMs()).isEqualTo(300);
        LeasedTask first = grant.tasks().get(0);

        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"QUEUED".equals(onlyTask(vertx, id).getString("state")) && System.nanoTime() < end) {
            Bus.sleep(50);
        }
        JsonObject requeued = onlyTask(vertx, id);
        assertThat(requeued.getString("state")).isEqualTo("QUEUED");
        assertThat(requeued.getInteger("attempt")).isEqualTo(1);
        assertThat(requeued.getString("error")).isNotBlank();
        assertThat(heartbeat(vertx, first, "vanished")).isEqualTo(Heartbeat.LOST);

        LeasedTask second = lease(vertx, "survivor");
        assertThat(second.taskId()).isEqualTo(first.taskId());
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(Bus.await(complete(vertx, second, "survivor"))).isEqualTo("RECORDED");
        assertThat(Bus.await(complete(vertx, first, "vanished"))).isIn("DUPLICATE", "DISCARDED");
        Bus.awaitState(vertx, id, "DONE", Duration.ofSeconds(5));
        JsonObject result = Bus.call(vertx, Addresses.API_RESULTS, new JsonObject().put("id", id)).getJsonArray("results")
                .getJsonObject(0);
        assertThat(result.getString("worker")).isEqualTo("survivor");
        assertThat(result.getInteger("attempt")).isEqualTo(2);
    }

    /**
     * A coordinator down longer than the lease (issue 11, item 7): after the restart, the
     * attempt whose worker kept running and sends its heartbeat keeps its lease and its result
     * is recorded once; the silent worker's lease is taken back after the first lease time and
     * its task runs again.
     */
    @Test
    void aRestartedCoordinatorKeepsExpiredLeasesWhoseWorkersAreStillBeating(Vertx vertx) {
        Duration lease = Duration.ofSeconds(2);
        coordinator(vertx, lease);
        String id = Bus.submitNoop(vertx, 2, 0).getString("id");
        LeasedTask kept = lease(vertx, "beating");
        LeasedTask lost = lease(vertx, "silent");
        Bus.await(node.close());
        // The outage itself: the coordinator stays down until both leases have run out.
        Bus.sleep(lease.toMillis() + 500);

        coordinator(vertx, lease);
        // The worker's next heartbeat comes up to one heartbeat interval after the restart.
        Bus.sleep(lease.toMillis() / 4);
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        do {
            assertThat(heartbeat(vertx, kept, "beating")).isEqualTo(Heartbeat.EXTENDED);
            Bus.sleep(200);
        } while (!"QUEUED".equals(task(vertx, id, lost.taskId()).getString("state")) && System.nanoTime() < end);

        assertThat(task(vertx, id, lost.taskId()).getString("state")).isEqualTo("QUEUED");
        assertThat(task(vertx, id, kept.taskId()).getString("state")).isEqualTo("RUNNING");
        assertThat(Bus.await(complete(vertx, kept, "beating"))).isEqualTo("RECORDED");
        LeasedTask rerun = lease(vertx, "survivor");
        assertThat(rerun.taskId()).isEqualTo(lost.taskId());
        assertThat(rerun.attempt()).isEqualTo(2);
        assertThat(Bus.await(complete(vertx, rerun, "survivor"))).isEqualTo("RECORDED");
        assertThat(Bus.await(complete(vertx, lost, "silent"))).isIn("DUPLICATE", "DISCARDED");
        Bus.awaitState(vertx, id, "DONE", Duration.ofSeconds(5));
        JsonArray results = Bus.call(vertx, Addresses.API_RESULTS, new JsonObject().put("id", id)).getJsonArray("results");
        assertThat(results.stream().map(result -> ((JsonObject) result).getString("taskId")))
                .containsExactlyInAnyOrder(kept.taskId(), lost.taskId());
        assertThat(results.stream().map(result -> ((JsonObject) result).getString("worker") + "#"
                + ((JsonObject) result).getInteger("attempt"))).containsExactlyInAnyOrder("beating#1", "survivor#2");
    }

    /**
     * A slot's ask takes the oldest queued task, then that experiment's queued trainings of the
     * same data set, model and structure up to its bundle size; one heartbeat answers for the
     * whole bundle.
     */
    @Test
    void aSlotLeasesABundleOfCompatibleTrainingsAndOneHeartbeatAnswersForAll(Vertx vertx) {
        coordinator(vertx, Duration.ofSeconds(30));
        String spec = StandaloneNodeTest.TINY.replace("models: [task-based, ordinary]", "models: [ordinary, quadratic]")
                .replace("seeds: [1, 2]", "seeds: [1, 2, 3]");
        String id = Bus.call(vertx, Addresses.API_SUBMIT, new JsonObject().put("specText", spec).put("format", "yaml"))
                .getJsonObject("experiment").getString("id");

        assertThat(leaseBundle(vertx, "w", 2).tasks()).extracting(LeasedTask::key)
                .containsExactly("discover/paper-no1-low");
        List<LeasedTask> pair = leaseBundle(vertx, "w", 2).tasks();
        List<LeasedTask> rest = leaseBundle(vertx, "w", 4).tasks();
        assertThat(pair).extracting(LeasedTask::key).containsExactly("train/paper-no1-low/ordinary/2/1",
                "train/paper-no1-low/ordinary/2/2");
        assertThat(rest).extracting(LeasedTask::key).containsExactly("train/paper-no1-low/ordinary/2/3");
        List<LeasedTask> quadratic = leaseBundle(vertx, "w", 4).tasks();
        assertThat(quadratic).extracting(LeasedTask::key).containsExactly("train/paper-no1-low/quadratic/2/1",
                "train/paper-no1-low/quadratic/2/2", "train/paper-no1-low/quadratic/2/3");
        assertThat(quadratic).allSatisfy(task -> {
            assertThat(task.attempt()).isEqualTo(1);
            assertThat(new JsonObject(task.inputJson()).getJsonObject("spec").getJsonArray("seeds")).hasSize(1);
        });

        assertThat(heartbeats(vertx, quadratic, "w")).containsOnly(Heartbeat.EXTENDED);
        Bus.call(vertx, Addresses.API_CANCEL, new JsonObject().put("id", id));
        assertThat(heartbeats(vertx, quadratic, "w")).containsExactly(Heartbeat.CANCELLED, Heartbeat.CANCELLED,
                Heartbeat.CANCELLED);
    }

    private static Heartbeat heartbeat(Vertx vertx, LeasedTask task, String worker) {
        return heartbeats(vertx, List.of(task), worker).get(0);
    }

    /** One heartbeat for a worker's tasks: each task's state, in order. */
    private static List<Heartbeat> heartbeats(Vertx vertx, List<LeasedTask> tasks, String worker) {
        return Bus.await(vertx.eventBus().<HeartbeatReply>request(Addresses.SCHEDULER_HEARTBEAT, new HeartbeatAsk(worker,
                tasks.stream().map(task -> new Attempt(task.taskId(), task.attempt())).toList()))).body().states();
    }

    private static JsonObject task(Vertx vertx, String experimentId, String taskId) {
        return Bus.call(vertx, Addresses.API_TASKS, new JsonObject().put("id", experimentId)).getJsonArray("tasks").stream()
                .map(JsonObject.class::cast).filter(task -> task.getString("id").equals(taskId)).findFirst().orElseThrow();
    }

    @Test
    void aFailingStoreAnswers503WithoutItsCause(Vertx vertx) throws Exception {
        coordinator(vertx, Duration.ofMinutes(5));
        StoreConfig store = StoreConfig.h2(folder.resolve("store"));
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(store.jdbcUrl());
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("DROP ALL OBJECTS");
        }

        io.vertx.core.eventbus.ReplyException failure = Bus.failure(vertx, Addresses.API_EXPERIMENTS, new JsonObject());

        assertThat(failure.failureCode()).isEqualTo(503);
        JsonObject body = new JsonObject(failure.getMessage());
        assertThat(body.getString("error")).contains(Addresses.API_EXPERIMENTS).contains("logged");
        assertThat(failure.getMessage()).doesNotContainIgnoringCase("database").doesNotContainIgnoringCase("h2")
                .doesNotContainIgnoringCase("experiments\"").doesNotContain(folder.toString()).doesNotContain("Exception")
                .doesNotContain("SQL").doesNotContain("not found");
    }

    @Test
    void messagesSurviveTheirWireForm() {
        for (WireCodec<?> codec : WireCodec.all()) {
            assertThat(codec.name()).startsWith("tn.").endsWith(".v1");
        }
        LeaseGrant grant = new LeaseGrant(List.of(new LeasedTask("t", "e", "train/x/seed-1", "train", 2, "{\"v\":1}", "x^2"),
                new LeasedTask("u", "e", "train/x/seed-2", "train", 1, "{\"v\":1}", "x^2")), 300);
        WireCodec<LeaseGrant> codec = WireCodec.of(LeaseGrant.class, LeaseGrant::toJson, LeaseGrant::fromJson);
        io.vertx.core.buffer.Buffer buffer = io.vertx.core.buffer.Buffer.buffer("prefix");
        codec.encodeToWire(buffer, grant);
        assertThat(codec.decodeFromWire("prefix".length(), buffer)).isEqualTo(grant);
        NodeAnnouncement announcement = new NodeAnnouncement("n", NodeMode.WORKER, List.of(new NodeAnnouncement.WorkerInfo(
                "n/1", 2, 1, List.of(new NodeAnnouncement.DeviceInfo("cpu", "amd64 (2 cores)", 1L << 30)))));
        assertThat(NodeAnnouncement.fromJson(announcement.toJson())).isEqualTo(announcement);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> LeaseAsk.fromJson(
                new JsonObject().put("v", 2).put("worker", "w").put("node", "n"))))
                .hasMessageContaining("unsupported version 2");
    }
}
