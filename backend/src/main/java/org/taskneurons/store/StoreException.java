package org.taskneurons.store;

/** A store that cannot be opened or migrated, or a database in a state this build cannot use. */
public final class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
