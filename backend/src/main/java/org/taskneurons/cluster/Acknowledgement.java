package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;

/**
 * The scheduler's receipt of a {@link TaskCompletion} or {@link TaskFailure}: what the store
 * made of it ({@link org.taskneurons.store.Completion} or {@link org.taskneurons.store.FailureOutcome} name).
 */
record Acknowledgement(String outcome) {

    JsonObject toJson() {
        return Wire.message().put("outcome", outcome);
    }

    static Acknowledgement fromJson(JsonObject json) {
        Wire.checked(json, "acknowledgement");
        return new Acknowledgement(Wire.text(json, "outcome"));
    }
}
