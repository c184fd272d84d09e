package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;

/** Reading the JSON of worker ↔ scheduler messages: the version first, then required fields by name. */
final class Wire {
    private Wire() {
    }

    /** A new message object carrying the current version. */
    static JsonObject message() {
        return new JsonObject().put("v", Addresses.VERSION);
    }

    /** The object, once its version is known. */
    static JsonObject checked(JsonObject json, String type) {
        Integer version = json.getInteger("v");
        if (version == null || version != Addresses.VERSION) {
            throw new IllegalArgumentException(type + " message of unsupported version " + version + " (expected "
                    + Addresses.VERSION + ")");
        }
        return json;
    }

    static String text(JsonObject json, String field) {
        String value = json.getString(field);
        if (value == null) {
            throw new IllegalArgumentException("message field '" + field + "' is missing");
        }
        return value;
    }
}
