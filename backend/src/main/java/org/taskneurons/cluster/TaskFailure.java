package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;

/**
 * A worker's failed attempt ({@link Addresses#SCHEDULER_FAIL}), with the exception's text;
 * sent until an {@link Acknowledgement} comes back.
 */
record TaskFailure(String taskId, String experimentId, String key, String kind, String worker, int attempt,
        String error, long elapsedMs) {

    JsonObject toJson() {
        return Wire.message().put("taskId", taskId).put("experimentId", experimentId).put("key", key).put("kind", kind)
                .put("worker", worker).put("attempt", attempt).put("error", error).put("elapsedMs", elapsedMs);
    }

    static TaskFailure fromJson(JsonObject json) {
        Wire.checked(json, "failure");
        return new TaskFailure(Wire.text(json, "taskId"), Wire.text(json, "experimentId"), Wire.text(json, "key"),
                Wire.text(json, "kind"), Wire.text(json, "worker"), json.getInteger("attempt", 0),
                Wire.text(json, "error"), json.getLong("elapsedMs", 0L));
    }
}
