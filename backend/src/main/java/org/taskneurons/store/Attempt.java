package org.taskneurons.store;

/**
 * One leased attempt of a task, as a worker names it when it renews its leases.
 *
 * @param attempt the attempt its lease was for, in [1, {@value TaskDraft#MAX_ATTEMPTS}]
 */
public record Attempt(String taskId, int attempt) {

    public Attempt {
        Require.present("taskId", taskId);
        Require.range("attempt", attempt, 1, TaskDraft.MAX_ATTEMPTS);
    }
}
