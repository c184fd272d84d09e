package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;

/**
 * One task of a {@link LeaseGrant}, with everything its worker needs to run it and report on it.
 *
 * @param attempt   the attempt this lease is for; heartbeats, results and failures name it
 * @param inputJson what the task needs ({@link TaskInput})
 * @param formula   for a training task that builds on its data set's discovery: the
 *                  discovered formula's text; null otherwise
 */
record LeasedTask(String taskId, String experimentId, String key, String kind, int attempt, String inputJson,
        String formula) {

    JsonObject toJson() {
        return new JsonObject().put("taskId", taskId).put("experimentId", experimentId).put("key", key).put("kind", kind)
                .put("attempt", attempt).put("inputJson", inputJson).put("formula", formula);
    }

    static LeasedTask fromJson(JsonObject json) {
        return new LeasedTask(Wire.text(json, "taskId"), Wire.text(json, "experimentId"), Wire.text(json, "key"),
                Wire.text(json, "kind"), json.getInteger("attempt", 0), Wire.text(json, "inputJson"),
                json.getString("formula"));
    }
}
