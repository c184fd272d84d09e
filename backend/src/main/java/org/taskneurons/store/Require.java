package org.taskneurons.store;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;

/** Eager checks shared by the store's records; every message names the field and quotes the value. */
final class Require {

    /**
     * Longest JSON text a record accepts. Both databases would store far longer texts; the
     * bound keeps one runaway spec or result from filling the heap of every coordinator and
     * dashboard that reads it back.
     */
    static final int MAX_JSON_CHARS = 4_000_000;

    private Require() {
    }

    static String text(String field, String value, int maxLength) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank: '" + value + "'");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(
                    field + " longer than " + maxLength + " characters: '" + abbreviate(value) + "'");
        }
        return value;
    }

    static String json(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        if (value.length() > MAX_JSON_CHARS) {
            throw new IllegalArgumentException(
                    field + " longer than " + MAX_JSON_CHARS + " characters: " + value.length());
        }
        try {
            Json.decodeValue(value);
        } catch (DecodeException e) {
            throw new IllegalArgumentException(field + " is not JSON: '" + abbreviate(value) + "'", e);
        }
        return value;
    }

    static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " out of range [" + min + ", " + max + "]: " + value);
        }
        return value;
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
