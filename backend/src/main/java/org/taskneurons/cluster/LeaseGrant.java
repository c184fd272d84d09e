package org.taskneurons.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The scheduler's answer to a {@link LeaseAsk}: a bundle of tasks to run together (one task
 * unless the slot asked for more and compatible tasks were queued), or none when nothing is.
 *
 * @param tasks   the bundle, its first task the oldest queued one; empty for none
 * @param leaseMs the duration of every task's lease; the worker heartbeats well within it
 */
record LeaseGrant(List<LeasedTask> tasks, long leaseMs) {

    LeaseGrant {
        tasks = List.copyOf(tasks);
    }

    static LeaseGrant none() {
        return new LeaseGrant(List.of(), 0);
    }

    boolean hasTask() {
        return !tasks.isEmpty();
    }

    JsonObject toJson() {
        return Wire.message().put("tasks", new JsonArray(tasks.stream().map(LeasedTask::toJson).toList()))
                .put("leaseMs", leaseMs);
    }

    static LeaseGrant fromJson(JsonObject json) {
        Wire.checked(json, "lease grant");
        JsonArray tasks = json.getJsonArray("tasks", new JsonArray());
        return new LeaseGrant(tasks.stream().map(task -> LeasedTask.fromJson((JsonObject) task)).toList(),
                json.getLong("leaseMs", 0L));
    }
}
