package org.taskneurons.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.taskneurons.store.Store;

/**
 * The scheduler and the API of a standalone or coordinator node, on one context: the
 * scheduler's addresses, the API's addresses, the sweep of expired leases, the refresh of the
 * task meters and the node registry's upkeep.
 */
final class CoordinatorVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorVerticle.class);
    private static final long METERS_EVERY_MS = 2000;
    private static final long NODES_EVERY_MS = 2000;
    /** A node silent this long is dropped from the registry (it announces every 2 s). */
    private static final Duration STALE = Duration.ofSeconds(15);

    private final NodeConfig config;
    private final Store store;
    private final MeterRegistry registry;
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();
    private final List<Long> timers = new ArrayList<>();
    private CoordinatorMeters meters;
    private Events events;
    private NodeRegistry nodes;
    private boolean refreshing;

    CoordinatorVerticle(NodeConfig config, Store store, MeterRegistry registry) {
        this.config = config;
        this.store = store;
        this.registry = registry;
    }

    @Override
    public Future<?> start() {
        meters = new CoordinatorMeters(registry);
        meters.registerDurations(List.of(TaskKind.DISCOVER.label(), TaskKind.TRAIN.label(), TaskKind.NOOP.label()),
                List.of("done", "failed"));
        events = new Events(vertx, store);
        nodes = new NodeRegistry(STALE);
        Scheduler scheduler = new Scheduler(vertx, config, store, events, nodes, meters);
        consumers.addAll(scheduler.register(vertx.eventBus()));
        consumers.addAll(new Api(vertx, config, store, events, nodes).register(vertx.eventBus()));
        events.start();
        keepSelfListed();
        // A restarted coordinator finds leases that ran out while it was down. Their workers
        // may still be running them: the first sweep waits one lease time (longer than any
        // heartbeat interval), so a live worker's heartbeat renews its lease before then.
        timers.add(vertx.setPeriodic(config.lease().toMillis(), scheduler.sweepInterval().toMillis(), id -> scheduler.sweep()));
        timers.add(vertx.setPeriodic(1, METERS_EVERY_MS, id -> refreshMeters()));
        timers.add(vertx.setPeriodic(NODES_EVERY_MS, id -> keepSelfListed()));
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
    }

    @Override
    public Future<?> stop() {
        timers.forEach(vertx::cancelTimer);
        events.stop();
        meters.close();
        return Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
    }

    /** The coordinator lists itself (with no workers unless its own worker announces them) and drops stale nodes. */
    private void keepSelfListed() {
        Instant now = Instant.now();
        nodes.touch(new NodeAnnouncement(config.nodeName(), config.mode(), List.of()), now);
        nodes.dropStale(now);
    }

    /** Task counts from the store, one query at a time, never waiting on the event loop. */
    private void refreshMeters() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        store.taskCounts()
                .onSuccess(meters::counts)
                .onFailure(e -> LOG.warn("task counts for metrics failed: {}", e.toString()))
                .onComplete(done -> refreshing = false);
    }
}
