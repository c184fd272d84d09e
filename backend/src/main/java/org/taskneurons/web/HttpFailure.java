package org.taskneurons.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A request that ends with an error status and a JSON body {@code {"error": "...", "violations": [...]}};
 * the router's failure handler writes it.
 */
final class HttpFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonObject body;

    private HttpFailure(int status, JsonObject body) {
        super(body.getString("error"), null, false, false);
        this.status = status;
        this.body = body;
    }

    static HttpFailure of(int status, String error) {
        return new HttpFailure(status, errorBody(error));
    }

    /** A failure whose body is already an error object (the coordinator's answer). */
    static HttpFailure withBody(int status, JsonObject body) {
        JsonObject copy = body.copy();
        if (!(copy.getValue("error") instanceof String)) {
            copy.put("error", "request failed with status " + status);
        }
        return new HttpFailure(status, copy);
    }

    static HttpFailure violation(String field, String message) {
        JsonObject violation = new JsonObject().put("field", field).put("message", message);
        return new HttpFailure(400, errorBody(field + ": " + message).put("violations", new JsonArray().add(violation)));
    }

    static JsonObject errorBody(String error) {
        return new JsonObject().put("error", error);
    }

    int status() {
        return status;
    }

    JsonObject body() {
        return body;
    }
}
