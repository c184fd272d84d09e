package org.taskneurons.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.taskneurons.store.Heartbeat;
import org.taskneurons.testing.Polling;

/** A worker node against a scripted scheduler: the test answers the worker's requests. */
@ExtendWith(VertxExtension.class)
class WorkerTest {
    private Node node;

    @AfterEach
    void close() {
        if (node != null) {
            Bus.await(node.close());
        }
    }

    private Node worker(Vertx vertx) {
        NodeConfig config = NodeConfig.worker("scripted", List.of()).withSlots(1).withUseGpus(false)
                .withLease(Duration.ofMillis(600)).withHeartbeat(Duration.ofMillis(100));
        node = Bus.await(Node.deploy(vertx, config, new SimpleMeterRegistry()));
        return node;
    }

    private static LeaseGrant noop(String taskId, long sleepMs) {
        return new LeaseGrant(List.of(new LeasedTask(taskId, "experiment", "noop/" + taskId, TaskKind.NOOP.label(), 1,
                TaskInput.noop(sleepMs), null)), 600);
    }

    @Test
    void aResultIsSentAgainUntilTheSchedulerTakesIt(Vertx vertx) {
        AtomicInteger unanswered = new AtomicInteger();
        AtomicInteger leases = new AtomicInteger();
        ConcurrentLinkedQueue<TaskCompletion> completions = new ConcurrentLinkedQueue<>();
        // No scheduler for the first asks: the worker keeps asking, backing off.
        vertx.eventBus().<LeaseAsk>consumer(Addresses.SCHEDULER_LEASE, message -> {
            if (unanswered.getAndIncrement() < 3) {
                message.fail(503, "{\"error\":\"no scheduler yet\"}");
            } else {
                message.reply(leases.getAndIncrement() == 0 ? noop("t1", 0) : LeaseGrant.none());
            }
        });
        worker(vertx);
        vertx.eventBus().<TaskCompletion>consumer(Addresses.SCHEDULER_COMPLETE, message -> {
            completions.add(message.body());
            if (completions.size() < 3) {
                message.fail(503, "{\"error\":\"store down\"}");
            } else {
                message.reply(new Acknowledgement("RECORDED"));
            }
        });
        Polling.until("three deliveries of the result", Duration.ofSeconds(10), () -> completions.size() >= 3);
        // Acknowledged: nothing more comes while the free slot asks for work three more times (backing off).
        int asked = leases.get();
        Polling.until("three more asks for work", Duration.ofSeconds(10), () -> leases.get() >= asked + 3);
        assertThat(completions).hasSize(3).allMatch(done -> done.header().taskId().equals("t1")
                && done.header().attempt() == 1 && done.resultJson().equals("{}") && done.header().worker().startsWith("scripted/"));
        assertThat(leases.get()).isGreaterThan(1);
    }

    @Test
    void aLostLeaseStopsTheTaskWithoutAResult(Vertx vertx) {
        worker(vertx);
        AtomicInteger leases = new AtomicInteger();
        ConcurrentLinkedQueue<Object> reports = new ConcurrentLinkedQueue<>();
        vertx.eventBus().<LeaseAsk>consumer(Addresses.SCHEDULER_LEASE, message -> message.reply(
                leases.getAndIncrement() == 0 ? noop("long", 60_000) : LeaseGrant.none()));
        vertx.eventBus().<HeartbeatAsk>consumer(Addresses.SCHEDULER_HEARTBEAT,
                message -> message.reply(new HeartbeatReply(List.of(Heartbeat.LOST))));
        vertx.eventBus().<TaskCompletion>consumer(Addresses.SCHEDULER_COMPLETE, message -> reports.add(message.body()));
        vertx.eventBus().<TaskFailure>consumer(Addresses.SCHEDULER_FAIL, message -> reports.add(message.body()));
        Polling.until("a second ask for work", Duration.ofSeconds(10), () -> leases.get() >= 2);
        assertThat(leases.get()).as("the slot asks again once the task stopped").isGreaterThanOrEqualTo(2);
        assertThat(reports).isEmpty();
    }
}
