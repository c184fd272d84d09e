package org.taskneurons.store;

/** What became of a result handed to {@link Store#complete} or {@link Store#completeAll}. */
public enum Completion {
    /** The first result of the task: stored, the task is DONE. */
    RECORDED,
    /** The task already has a result (another attempt finished first); nothing stored. */
    DUPLICATE,
    /** The task was cancelled or had failed before the result came, or is deleted; nothing stored. */
    DISCARDED,
    /**
     * The attempt was never leased (it is later than the task's latest): the report is wrong,
     * and nothing is stored. Only {@link Store#completeAll} answers this, where one wrong
     * report must not fail the others; {@link Store#complete} fails instead.
     */
    REJECTED
}
