package org.taskneurons.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.taskneurons.store.Heartbeat;

/**
 * Whether the worker still holds each attempt its {@link HeartbeatAsk} named, in order:
 * EXTENDED, or LOST / CANCELLED (that task stops at its next check; the others go on).
 */
record HeartbeatReply(List<Heartbeat> states) {

    HeartbeatReply {
        states = List.copyOf(states);
    }

    JsonObject toJson() {
        return Wire.message().put("states", new JsonArray(states.stream().map(Heartbeat::name).toList()));
    }

    static HeartbeatReply fromJson(JsonObject json) {
        Wire.checked(json, "heartbeat reply");
        return new HeartbeatReply(json.getJsonArray("states", new JsonArray()).stream()
                .map(state -> Heartbeat.valueOf((String) state)).toList());
    }
}
