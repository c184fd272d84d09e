package org.taskneurons.store;

/** What became of a failure reported through {@link Store#fail}. */
public enum FailureOutcome {
    /** Attempts were left: the task is QUEUED again, the error kept as its last error. */
    REQUEUED,
    /** That was the last attempt: the task is FAILED, its dependents CANCELLED. */
    FAILED,
    /**
     * The worker no longer held that attempt (its lease had expired, or the task finished
     * or was cancelled meanwhile), so the report changes nothing: the expiry already counted
     * the attempt.
     */
    IGNORED
}
