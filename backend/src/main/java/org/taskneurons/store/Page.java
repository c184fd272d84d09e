package org.taskneurons.store;

/**
 * A window of a listing.
 *
 * @param offset rows to skip, at least 0
 * @param limit  rows to return, in [1, {@value #MAX_LIMIT}]
 */
public record Page(int offset, int limit) {

    public static final int MAX_LIMIT = 1000;

    public Page {
        Require.range("offset", offset, 0, Integer.MAX_VALUE);
        Require.range("limit", limit, 1, MAX_LIMIT);
    }

    public static Page first(int limit) {
        return new Page(0, limit);
    }

    public Page next() {
        return new Page(offset + limit, limit);
    }
}
