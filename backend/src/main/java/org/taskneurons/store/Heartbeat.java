package org.taskneurons.store;

/** What a worker learns when it renews a lease. */
public enum Heartbeat {
    /** The worker still holds this attempt; the lease now runs for another lease duration. */
    EXTENDED,
    /**
     * The worker no longer holds this attempt: the lease expired and the task was requeued
     * or leased again, or another attempt already finished it. Stop and drop the work.
     */
    LOST,
    /** The task was cancelled (its experiment was cancelled): stop at the next check. */
    CANCELLED;

    /** Whether the worker should go on with the task. */
    public boolean isHeld() {
        return this == EXTENDED;
    }
}
