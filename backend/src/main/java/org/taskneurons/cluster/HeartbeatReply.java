package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;
import org.taskneurons.store.Heartbeat;

/** Whether the worker still holds its lease: EXTENDED, or LOST / CANCELLED (stop at the next check). */
record HeartbeatReply(Heartbeat state) {

    JsonObject toJson() {
        return Wire.message().put("state", state.name());
    }

    static HeartbeatReply fromJson(JsonObject json) {
        Wire.checked(json, "heartbeat reply");
        return new HeartbeatReply(Heartbeat.valueOf(Wire.text(json, "state")));
    }
}
