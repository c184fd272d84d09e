package org.taskneurons.store;

/**
 * A worker's report that its attempt of a task produced a result.
 *
 * @param taskId     the task's id
 * @param worker     the worker that ran the attempt
 * @param attempt    the attempt, as its lease numbered it (1 for the first)
 * @param resultJson the result, a JSON text of at most {@value Require#MAX_JSON_CHARS} characters
 */
public record AttemptResult(String taskId, String worker, int attempt, String resultJson) {

    public AttemptResult {
        Require.present("taskId", taskId);
        Require.text("worker", worker, LeaseRequest.MAX_WORKER_LENGTH);
        Require.range("attempt", attempt, 1, TaskDraft.MAX_ATTEMPTS);
        Require.json("resultJson", resultJson);
    }
}
