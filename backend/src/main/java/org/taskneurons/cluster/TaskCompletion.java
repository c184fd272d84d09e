package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;

/**
 * A worker's result of one attempt ({@link Addresses#SCHEDULER_COMPLETE}); the worker sends it
 * until an {@link Acknowledgement} comes back, and the store records it once.
 *
 * @param experimentId as the lease named it (with {@code key} and {@code kind}), for the events
 * @param elapsedMs    how long the attempt ran on the worker
 */
record TaskCompletion(String taskId, String experimentId, String key, String kind, String worker, int attempt,
        String resultJson, long elapsedMs) {

    JsonObject toJson() {
        return Wire.message().put("taskId", taskId).put("experimentId", experimentId).put("key", key).put("kind", kind)
                .put("worker", worker).put("attempt", attempt).put("resultJson", resultJson).put("elapsedMs", elapsedMs);
    }

    static TaskCompletion fromJson(JsonObject json) {
        Wire.checked(json, "completion");
        return new TaskCompletion(Wire.text(json, "taskId"), Wire.text(json, "experimentId"), Wire.text(json, "key"),
                Wire.text(json, "kind"), Wire.text(json, "worker"), json.getInteger("attempt", 0),
                Wire.text(json, "resultJson"), json.getLong("elapsedMs", 0L));
    }
}
