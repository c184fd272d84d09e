package org.taskneurons.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.taskneurons.store.TaskCounts;
import org.taskneurons.store.TaskState;

/**
 * The scheduler's meters: queue depth and tasks by state (refreshed from the store's counts)
 * and task durations by kind and outcome. Removed from the registry when the scheduler stops,
 * so a restarted scheduler registers fresh ones.
 */
final class CoordinatorMeters {
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final AtomicLong queueDepth = new AtomicLong();
    private final Map<TaskState, AtomicLong> byState = new EnumMap<>(TaskState.class);

    CoordinatorMeters(MeterRegistry registry) {
        this.registry = registry;
        meters.add(Gauge.builder(MetricNames.QUEUE_DEPTH, queueDepth, AtomicLong::get)
                .description("Queued tasks ready to run").register(registry));
        for (TaskState state : TaskState.values()) {
            AtomicLong count = new AtomicLong();
            byState.put(state, count);
            meters.add(Gauge.builder(MetricNames.TASKS, count, AtomicLong::get)
                    .tag(MetricNames.TAG_STATE, state.name().toLowerCase(Locale.ROOT))
                    .description("Tasks in the store by state").register(registry));
        }
    }

    /**
     * Registers the duration timers of the task kinds there are at zero, so that rates and
     * quantiles over them exist from the start instead of after the first task of each kind.
     */
    void registerDurations(List<String> kinds, List<String> outcomes) {
        for (String kind : kinds) {
            for (String outcome : outcomes) {
                timer(kind, outcome);
            }
        }
    }

    void counts(TaskCounts counts) {
        queueDepth.set(counts.count(TaskState.QUEUED));
        byState.forEach((state, count) -> count.set(counts.count(state)));
    }

    /** A task's time from lease to recorded outcome ({@code done} or {@code failed}). */
    void duration(String kind, String outcome, Duration elapsed) {
        timer(kind, outcome).record(elapsed);
    }

    private Timer timer(String kind, String outcome) {
        Timer timer = Timer.builder(MetricNames.TASK_DURATION)
                .tags(MetricNames.TAG_TYPE, kind, MetricNames.TAG_OUTCOME, outcome)
                .description("Task run time, lease to recorded outcome")
                .publishPercentileHistogram()
                .register(registry);
        if (!meters.contains(timer)) {
            meters.add(timer);
        }
        return timer;
    }

    void close() {
        meters.forEach(registry::remove);
        meters.clear();
    }
}
