package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;

/**
 * What a worker's {@link TaskCompletion} and {@link TaskFailure} both begin with: which attempt
 * of which task, by which worker, and how long it ran. On the wire its fields sit beside the
 * message's own, as they always have.
 *
 * @param experimentId as the lease named it (with {@code key} and {@code kind}), for the events
 * @param elapsedMs    how long the attempt ran on the worker
 */
record AttemptHeader(String taskId, String experimentId, String key, String kind, String worker, int attempt,
        long elapsedMs) {

    /** {@code worker}'s report on its lease of {@code task}, which ran for {@code elapsedMs}. */
    static AttemptHeader of(LeasedTask task, String worker, long elapsedMs) {
        return new AttemptHeader(task.taskId(), task.experimentId(), task.key(), task.kind(), worker, task.attempt(),
                elapsedMs);
    }

    /** A new message with the current version and this header, for the report to add its own fields to. */
    JsonObject message() {
        return Wire.message().put("taskId", taskId).put("experimentId", experimentId).put("key", key).put("kind", kind)
                .put("worker", worker).put("attempt", attempt).put("elapsedMs", elapsedMs);
    }

    /** The header of a message whose version was checked. */
    static AttemptHeader fromJson(JsonObject json) {
        return new AttemptHeader(Wire.text(json, "taskId"), Wire.text(json, "experimentId"), Wire.text(json, "key"),
                Wire.text(json, "kind"), Wire.text(json, "worker"), json.getInteger("attempt", 0),
                json.getLong("elapsedMs", 0L));
    }
}
