package org.taskneurons.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A worker node's meters, tagged with the node's name; removed again when the worker stops. */
final class WorkerMeters {
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final AtomicInteger workers = new AtomicInteger();
    private final AtomicInteger slots = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private final Counter evaluations;
    private final Counter trainingSteps;
    private final Counter bundles;
    private final Counter bundleTasks;

    WorkerMeters(MeterRegistry registry, String node, Map<String, Integer> devices) {
        this.registry = registry;
        meters.add(Gauge.builder(MetricNames.WORKERS, workers, AtomicInteger::get).tag(MetricNames.TAG_NODE, node)
                .description("Worker verticles running on the node").register(registry));
        meters.add(Gauge.builder(MetricNames.SLOTS, slots, AtomicInteger::get).tag(MetricNames.TAG_NODE, node)
                .description("Task slots of the node").register(registry));
        meters.add(Gauge.builder(MetricNames.SLOTS_BUSY, busy, AtomicInteger::get).tag(MetricNames.TAG_NODE, node)
                .description("Slots running a task").register(registry));
        devices.forEach((kind, count) -> meters.add(Gauge.builder(MetricNames.DEVICES, () -> count)
                .tags(MetricNames.TAG_NODE, node, MetricNames.TAG_KIND, kind)
                .description("Devices the node runs tasks on").register(registry)));
        evaluations = Counter.builder(MetricNames.SR_EVALUATIONS).tag(MetricNames.TAG_NODE, node)
                .description("Formula evaluations of symbolic regression").register(registry);
        trainingSteps = Counter.builder(MetricNames.TRAINING_STEPS).tag(MetricNames.TAG_NODE, node)
                .description("Training steps (mini-batches)").register(registry);
        bundles = Counter.builder(MetricNames.BUNDLES).tag(MetricNames.TAG_NODE, node)
                .description("Leases the slots ran, each in one pass").register(registry);
        bundleTasks = Counter.builder(MetricNames.BUNDLE_TASKS).tag(MetricNames.TAG_NODE, node)
                .description("Tasks of those leases").register(registry);
    }

    void started(int slotCount) {
        workers.set(1);
        slots.set(slotCount);
    }

    void busy(int value) {
        busy.set(value);
    }

    void evaluations(long count) {
        if (count > 0) {
            evaluations.increment(count);
        }
    }

    /** A slot started a lease of {@code tasks} tasks. */
    void bundle(int tasks) {
        bundles.increment();
        bundleTasks.increment(tasks);
    }

    void trainingSteps(long count) {
        trainingSteps.increment(count);
    }

    /** Removes the gauges (they would otherwise report a stopped worker); counters keep counting across restarts. */
    void close() {
        workers.set(0);
        busy.set(0);
        meters.forEach(registry::remove);
    }
}
