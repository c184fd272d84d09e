package org.taskneurons.store;

/**
 * Where a task is in its life.
 *
 * <pre>
 *   WAITING --(all dependencies DONE)--> QUEUED --(lease)--> RUNNING --(complete)--> DONE
 *                                          ^                    |
 *                                          +--(fail or lease expiry, attempts left)
 *   RUNNING --(fail or expiry, no attempts left)--> FAILED
 *   WAITING --(a dependency FAILED or CANCELLED)--> CANCELLED
 *   any unfinished state --(experiment cancelled)--> CANCELLED
 * </pre>
 */
public enum TaskState {
    WAITING,
    QUEUED,
    RUNNING,
    DONE,
    FAILED,
    CANCELLED;

    /** Whether the task will never run again. */
    public boolean isFinished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }
}
