package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;

/**
 * A worker's result of one attempt ({@link Addresses#SCHEDULER_COMPLETE}); the worker sends it
 * until an {@link Acknowledgement} comes back, and the store records it once.
 */
record TaskCompletion(AttemptHeader header, String resultJson) {

    JsonObject toJson() {
        return header.message().put("resultJson", resultJson);
    }

    static TaskCompletion fromJson(JsonObject json) {
        Wire.checked(json, "completion");
        return new TaskCompletion(AttemptHeader.fromJson(json), Wire.text(json, "resultJson"));
    }
}
