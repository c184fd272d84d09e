package org.taskneurons.store;

import java.time.Instant;

/**
 * The one recorded result of a task.
 *
 * @param worker  the worker whose attempt produced it
 * @param attempt that attempt's number
 */
public record Result(
        String taskId, String experimentId, String worker, int attempt, String resultJson, Instant recordedAt) {

    public Result {
        Require.present("taskId", taskId);
        Require.present("experimentId", experimentId);
        Require.present("worker", worker);
        Require.present("resultJson", resultJson);
        Require.present("recordedAt", recordedAt);
    }
}
