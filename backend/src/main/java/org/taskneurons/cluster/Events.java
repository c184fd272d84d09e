package org.taskneurons.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.taskneurons.store.Store;
import org.taskneurons.store.TaskState;

/**
 * Publishes {@link Addresses#EVENTS}: a task event for every task state change the scheduler
 * makes, a node event for announcements, and an experiment event (state and counts, read
 * from the store) for every experiment whose tasks changed; experiment events are coalesced
 * to at most one per experiment per {@value #EXPERIMENT_EVERY_MS} ms, the last one always
 * published. When tasks are queued it also signals {@link Addresses#WORK_QUEUED}, at most once
 * per event-loop turn. Confined to the coordinator's context.
 */
final class Events {
    static final long EXPERIMENT_EVERY_MS = 200;

    private final Vertx vertx;
    private final Store store;
    private final Set<String> changed = new LinkedHashSet<>();
    private long timer = -1;
    private boolean workSignalled;

    Events(Vertx vertx, Store store) {
        this.vertx = vertx;
        this.store = store;
    }

    void start() {
        timer = vertx.setPeriodic(EXPERIMENT_EVERY_MS, id -> flush());
    }

    void stop() {
        vertx.cancelTimer(timer);
    }

    /** {@code {v, type: "task", experimentId, taskId, key, state, worker?, error?}}, then the experiment's event. */
    void task(String experimentId, String taskId, String key, TaskState state, String worker, String error) {
        JsonObject event = Wire.message().put("type", "task").put("experimentId", experimentId).put("taskId", taskId)
                .put("key", key).put("state", state.name());
        if (worker != null) {
            event.put("worker", worker);
        }
        if (error != null) {
            event.put("error", error);
        }
        vertx.eventBus().publish(Addresses.EVENTS, event);
        experimentChanged(experimentId);
        if (state == TaskState.QUEUED) {
            workQueued();
        }
    }

    /**
     * A search's news, on {@link Addresses#EVENTS} and the experiment's progress address:
     * {@code {v, type: "trial", experimentId, key, trial, epochs, metric, value}} when a trial's
     * result is recorded, {@code {v, type: "promotion", experimentId, key, from}} when a trial is
     * promoted, {@code {v, type: "best", experimentId, key}} when a best configuration's run is queued.
     */
    void search(String experimentId, JsonObject event) {
        JsonObject message = Wire.message().mergeIn(event).put("experimentId", experimentId);
        vertx.eventBus().publish(Addresses.EVENTS, message);
        vertx.eventBus().publish(Addresses.progress(experimentId), message);
    }

    /** Tells the workers that tasks were queued, once for everything queued in this event-loop turn. */
    void workQueued() {
        if (workSignalled) {
            return;
        }
        workSignalled = true;
        vertx.runOnContext(turn -> {
            workSignalled = false;
            vertx.eventBus().publish(Addresses.WORK_QUEUED, Wire.message());
        });
    }

    /** Schedules the experiment's event (a submit, a cancel, tasks queued or finished). */
    void experimentChanged(String experimentId) {
        changed.add(experimentId);
    }

    /** {@code {v, type: "deleted", experimentId}}, at once; a pending experiment event for it is dropped. */
    void deleted(String experimentId) {
        changed.remove(experimentId);
        vertx.eventBus().publish(Addresses.EVENTS, Wire.message().put("type", "deleted").put("experimentId", experimentId));
    }

    /** {@code {v, type: "node", node, mode, workers: [...]}}. */
    void node(NodeAnnouncement announcement) {
        JsonObject event = announcement.toJson().put("type", "node");
        vertx.eventBus().publish(Addresses.EVENTS, event);
    }

    private void flush() {
        List<String> due = List.copyOf(changed);
        changed.clear();
        for (String experimentId : due) {
            store.experiment(experimentId).onSuccess(summary -> vertx.eventBus().publish(Addresses.EVENTS,
                    Wire.message().put("type", "experiment").put("experimentId", experimentId)
                            .put("state", summary.state().name()).put("counts", ApiJson.counts(summary.tasks()))));
        }
    }
}
