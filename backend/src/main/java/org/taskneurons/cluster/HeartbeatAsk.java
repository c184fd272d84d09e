package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;

/** A worker renewing its lease of one attempt ({@link Addresses#SCHEDULER_HEARTBEAT}); the reply is a {@link HeartbeatReply}. */
record HeartbeatAsk(String taskId, String worker, int attempt) {

    JsonObject toJson() {
        return Wire.message().put("taskId", taskId).put("worker", worker).put("attempt", attempt);
    }

    static HeartbeatAsk fromJson(JsonObject json) {
        Wire.checked(json, "heartbeat");
        return new HeartbeatAsk(Wire.text(json, "taskId"), Wire.text(json, "worker"), json.getInteger("attempt", 0));
    }
}
