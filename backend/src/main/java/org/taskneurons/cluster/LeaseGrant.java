package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;

/**
 * The scheduler's answer to a {@link LeaseAsk}: a task to run, or none ({@code taskId} null)
 * when nothing is queued.
 *
 * @param attempt   the attempt this lease is for; heartbeats, results and failures name it
 * @param leaseMs   the lease's duration; the worker heartbeats well within it
 * @param inputJson what the task needs ({@link TaskInput})
 * @param formula   for a training task that builds on its data set's discovery: the
 *                  discovered formula's text; null otherwise
 */
record LeaseGrant(String taskId, String experimentId, String key, String kind, int attempt, long leaseMs,
        String inputJson, String formula) {

    static LeaseGrant none() {
        return new LeaseGrant(null, null, null, null, 0, 0, null, null);
    }

    boolean hasTask() {
        return taskId != null;
    }

    JsonObject toJson() {
        return Wire.message().put("taskId", taskId).put("experimentId", experimentId).put("key", key).put("kind", kind)
                .put("attempt", attempt).put("leaseMs", leaseMs).put("inputJson", inputJson).put("formula", formula);
    }

    static LeaseGrant fromJson(JsonObject json) {
        Wire.checked(json, "lease grant");
        return new LeaseGrant(json.getString("taskId"), json.getString("experimentId"), json.getString("key"),
                json.getString("kind"), json.getInteger("attempt", 0), json.getLong("leaseMs", 0L),
                json.getString("inputJson"), json.getString("formula"));
    }
}
