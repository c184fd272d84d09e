package org.taskneurons.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;

/**
 * What workers report at the end of an attempt: a result, recorded once, or a failure,
 * retried while attempts are left.
 *
 * <p>The first result of a task wins, whichever attempt sent it: a worker whose lease expired
 * may still finish before the rerun does, and since the same input gives the same result,
 * its result is as good. Every later result is a duplicate and stored nowhere.
 */
final class Outcomes {

    private static final String INSERT_RESULT = "INSERT INTO results "
            + "(task_id, experiment_id, worker, attempt, result_json, recorded_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String MARK_DONE =
            "UPDATE tasks SET state = 'DONE', lease_expires_at = NULL, updated_at = ? WHERE id = ?";

    private final Pool pool;
    private final Transitions transitions;
    private final Clock clock;

    Outcomes(Pool pool, Transitions transitions, Clock clock) {
        this.pool = pool;
        this.transitions = transitions;
        this.clock = clock;
    }

    Future<Completion> complete(String taskId, String worker, int attempt, String resultJson) {
        return pool.withTransaction(conn -> transitions.lockTask(conn, taskId).compose(task -> switch (task.state()) {
            case DONE -> Future.succeededFuture(Completion.DUPLICATE);
            case FAILED, CANCELLED -> Future.succeededFuture(Completion.DISCARDED);
            case WAITING, QUEUED, RUNNING -> attempt > task.attempt()
                    ? Future.failedFuture(neverLeased(task, attempt))
                    : record(conn, task, worker, attempt, resultJson);
        }));
    }

    /** Counts only from the worker that holds the attempt now; anything else was already counted by its expiry. */
    Future<FailureOutcome> fail(String taskId, String worker, int attempt, String error) {
        return pool.withTransaction(conn -> transitions.lockTask(conn, taskId).compose(task -> {
            if (attempt > task.attempt()) {
                return Future.failedFuture(neverLeased(task, attempt));
            }
            if (!task.isHeldBy(worker, attempt)) {
                return Future.succeededFuture(FailureOutcome.IGNORED);
            }
            return transitions.endFailedAttempt(conn, task, error)
                    .map(state -> state == TaskState.FAILED ? FailureOutcome.FAILED : FailureOutcome.REQUEUED);
        }));
    }

    private Future<Completion> record(
            SqlConnection conn, LockedTask task, String worker, int attempt, String resultJson) {
        long now = clock.millis();
        return conn.preparedQuery(INSERT_RESULT)
                .execute(Tuple.of(task.id(), task.experimentId(), worker, attempt, resultJson, now))
                .compose(inserted -> conn.preparedQuery(MARK_DONE).execute(Tuple.of(now, task.id())))
                .compose(done -> transitions.releaseDependents(conn, task.id()))
                .compose(released -> transitions.finishIfDone(conn, task.experimentId()))
                .map(finished -> Completion.RECORDED);
    }

    private static IllegalArgumentException neverLeased(LockedTask task, int attempt) {
        return new IllegalArgumentException("attempt " + attempt + " of task '" + task.id()
                + "' was never leased: the latest attempt is " + task.attempt());
    }
}
