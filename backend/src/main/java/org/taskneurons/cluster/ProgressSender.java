package org.taskneurons.cluster;

import io.vertx.core.eventbus.EventBus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends one running task's progress points to the scheduler at a bounded rate: at most one
 * point per series per interval, and always a series' last point ({@link #flush} at the end).
 * Used by the one engine thread that runs the task.
 */
final class ProgressSender {
    private final EventBus bus;
    private final LeasedTask task;
    private final long intervalNanos;
    private final Map<String, Long> lastSent = new LinkedHashMap<>();
    private final Map<String, ProgressReport> pending = new LinkedHashMap<>();

    ProgressSender(EventBus bus, LeasedTask task, long intervalNanos) {
        this.bus = bus;
        this.task = task;
        this.intervalNanos = intervalNanos;
    }

    /** A point of a curve; points that are not finite are dropped (a diverged loss cannot be drawn). */
    void point(String series, double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return;
        }
        ProgressReport report = new ProgressReport(task.taskId(), task.experimentId(), task.key(), task.kind(), series, x, y);
        long now = System.nanoTime();
        Long last = lastSent.get(series);
        if (last == null || now - last >= intervalNanos) {
            send(report, now);
        } else {
            pending.put(series, report);
        }
    }

    /** Sends the latest point of every series that the rate held back. */
    void flush() {
        long now = System.nanoTime();
        pending.values().forEach(report -> bus.send(Addresses.SCHEDULER_PROGRESS, report));
        pending.keySet().forEach(series -> lastSent.put(series, now));
        pending.clear();
    }

    private void send(ProgressReport report, long now) {
        pending.remove(report.series());
        lastSent.put(report.series(), now);
        bus.send(Addresses.SCHEDULER_PROGRESS, report);
    }
}
