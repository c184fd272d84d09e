package org.taskneurons.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
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

    private static LeaseGrant lease(Vertx vertx, String worker) {
        return Bus.await(vertx.eventBus().<LeaseGrant>request(Addresses.SCHEDULER_LEASE,
                new LeaseAsk(worker, "test-node", false))).body();
    }

    private static Future<String> complete(Vertx vertx, LeaseGrant task, String worker) {
        return vertx.eventBus().<Acknowledgement>request(Addresses.SCHEDULER_COMPLETE, new TaskCompletion(task.taskId(),
                        task.experimentId(), task.key(), task.kind(), worker, task.attempt(), "{\"answer\":42}", 5))
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
        LeaseGrant task = lease(vertx, "worker-a");
        assertThat(task.hasTask()).isTrue();
        assertThat(task.attempt()).isEqualTo(1);
        assertThat(lease(vertx, "worker-b").hasTask()).isFalse();

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
        LeaseGrant first = lease(vertx, "vanished");
        assertThat(first.leaseMs()).isEqualTo(300);

        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"QUEUED".equals(onlyTask(vertx, id).getString("state")) && System.nanoTime() < end) {
            Bus.sleep(50);
        }
        JsonObject requeued = onlyTask(vertx, id);
        assertThat(requeued.getString("state")).isEqualTo("QUEUED");
        assertThat(requeued.getInteger("attempt")).isEqualTo(1);
        assertThat(requeued.getString("error")).isNotBlank();
        Message<HeartbeatReply> late = Bus.await(vertx.eventBus().request(Addresses.SCHEDULER_HEARTBEAT,
                new HeartbeatAsk(first.taskId(), "vanished", first.attempt())));
        assertThat(late.body().state()).isEqualTo(Heartbeat.LOST);

        LeaseGrant second = lease(vertx, "survivor");
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
        LeaseGrant kept = lease(vertx, "beating");
        LeaseGrant lost = lease(vertx, "silent");
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
        LeaseGrant rerun = lease(vertx, "survivor");
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

    private static Heartbeat heartbeat(Vertx vertx, LeaseGrant task, String worker) {
        return Bus.await(vertx.eventBus().<HeartbeatReply>request(Addresses.SCHEDULER_HEARTBEAT,
                new HeartbeatAsk(task.taskId(), worker, task.attempt()))).body().state();
    }

    private static JsonObject task(Vertx vertx, String experimentId, String taskId) {
        return Bus.call(vertx, Addresses.API_TASKS, new JsonObject().put("id", experimentId)).getJsonArray("tasks").stream()
                .map(JsonObject.class::cast).filter(task -> task.getString("id").equals(taskId)).findFirst().orElseThrow();
    }

    @Test
    void messagesSurviveTheirWireForm() {
        for (WireCodec<?> codec : WireCodec.all()) {
            assertThat(codec.name()).startsWith("tn.").endsWith(".v1");
        }
        LeaseGrant grant = new LeaseGrant("t", "e", "train/x", "train", 2, 300, "{\"v\":1}", "x^2");
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
