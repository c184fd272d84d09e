package org.taskneurons.store;

/** What became of a result handed to {@link Store#complete}. */
public enum Completion {
    /** The first result of the task: stored, the task is DONE. */
    RECORDED,
    /** The task already has a result (another attempt finished first); nothing stored. */
    DUPLICATE,
    /** The task was cancelled or had failed before the result came; nothing stored. */
    DISCARDED
}
