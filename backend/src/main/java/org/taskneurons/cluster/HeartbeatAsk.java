package org.taskneurons.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.taskneurons.store.Attempt;

/**
 * A worker renewing the leases of the attempts one slot runs, a whole bundle in one message
 * ({@link Addresses#SCHEDULER_HEARTBEAT}); the reply is a {@link HeartbeatReply}.
 */
record HeartbeatAsk(String worker, List<Attempt> attempts) {

    HeartbeatAsk {
        attempts = List.copyOf(attempts);
    }

    JsonObject toJson() {
        return Wire.message().put("worker", worker).put("attempts", new JsonArray(attempts.stream()
                .map(held -> new JsonObject().put("taskId", held.taskId()).put("attempt", held.attempt())).toList()));
    }

    static HeartbeatAsk fromJson(JsonObject json) {
        Wire.checked(json, "heartbeat");
        JsonArray attempts = json.getJsonArray("attempts", new JsonArray());
        return new HeartbeatAsk(Wire.text(json, "worker"), attempts.stream().map(JsonObject.class::cast)
                .map(held -> new Attempt(Wire.text(held, "taskId"), held.getInteger("attempt", 0))).toList());
    }
}
