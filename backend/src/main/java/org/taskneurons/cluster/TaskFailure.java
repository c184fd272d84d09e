package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;

/**
 * A worker's failed attempt ({@link Addresses#SCHEDULER_FAIL}), with the exception's text;
 * sent until an {@link Acknowledgement} comes back.
 */
record TaskFailure(AttemptHeader header, String error) {

    JsonObject toJson() {
        return header.message().put("error", error);
    }

    static TaskFailure fromJson(JsonObject json) {
        Wire.checked(json, "failure");
        return new TaskFailure(AttemptHeader.fromJson(json), Wire.text(json, "error"));
    }
}
