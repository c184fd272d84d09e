package org.taskneurons.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The state changes that several operations share, each run inside the caller's transaction.
 *
 * <p>Every transition after a lease starts by locking the experiment's row
 * ({@link #lockTasks}, {@link #lockExperiment}). That one lock per experiment serializes
 * complete, fail, expiry and cancel of its tasks, so two transactions never release the same
 * dependent or finish the experiment twice. They cannot deadlock with leases or heartbeats
 * either: those lock at most one task row, and never wait for another lock while holding it.
 */
final class Transitions {

    private static final String LOCK_EXPERIMENTS_OF_TASKS = "SELECT id FROM experiments "
            + "WHERE id IN (SELECT experiment_id FROM tasks WHERE id IN %s) ORDER BY id FOR UPDATE";
    private static final String LOCK_EXPERIMENT = "SELECT state FROM experiments WHERE id = ? FOR UPDATE";
    private static final String LOCKED_TASKS = "SELECT id, experiment_id, task_key, kind, state, attempt, max_attempts, "
            + "lease_owner, lease_expires_at, "
            + "EXISTS (SELECT 1 FROM task_dependencies d WHERE d.depends_on = tasks.id) AS has_dependents "
            + "FROM tasks WHERE id IN ";
    private static final String REQUEUE = "UPDATE tasks SET state = 'QUEUED', lease_expires_at = NULL, "
            + "error = ?, updated_at = ? WHERE id = ?";
    private static final String FAIL = "UPDATE tasks SET state = 'FAILED', lease_expires_at = NULL, "
            + "error = ?, updated_at = ? WHERE id = ?";
    /**
     * WAITING tasks that depend on one of the given ones and have no dependency left that is not
     * DONE. A released task takes the queue place of its latest dependency, so it runs in its
     * submission's order (a data set's trainings right after its discovery) instead of behind
     * every task that became ready meanwhile.
     */
    private static final String RELEASE_DEPENDENTS = """
            UPDATE tasks SET state = 'QUEUED', updated_at = ?,
                             queued_at = (SELECT MAX(p.queued_at) FROM task_dependencies d
                                          JOIN tasks p ON p.id = d.depends_on WHERE d.task_id = tasks.id)
            WHERE state = 'WAITING'
              AND id IN (SELECT task_id FROM task_dependencies WHERE depends_on IN %s)
              AND NOT EXISTS (SELECT 1 FROM task_dependencies d JOIN tasks p ON p.id = d.depends_on
                              WHERE d.task_id = tasks.id AND p.state <> 'DONE')""";
    /** One level of the failure's descendants; repeated until a level is empty. */
    private static final String CANCEL_DEPENDENTS = """
            UPDATE tasks SET state = 'CANCELLED', error = ?, updated_at = ?
            WHERE experiment_id = ? AND state = 'WAITING'
              AND EXISTS (SELECT 1 FROM task_dependencies d JOIN tasks p ON p.id = d.depends_on
                          WHERE d.task_id = tasks.id AND p.state IN ('FAILED', 'CANCELLED'))""";
    /**
     * Ends an ACTIVE experiment none of whose tasks will run again: DONE when every task is,
     * else FAILED. While a task still runs (the common case) this is the one index probe of
     * the NOT EXISTS; the end state is worked out only for the row it updates.
     */
    private static final String FINISH_IF_DONE = """
            UPDATE experiments
            SET state = CASE WHEN EXISTS (SELECT 1 FROM tasks WHERE experiment_id = experiments.id
                                                             AND state IN ('FAILED', 'CANCELLED'))
                             THEN 'FAILED' ELSE 'DONE' END,
                finished_at = ?
            WHERE id = ? AND state = 'ACTIVE'
              AND NOT EXISTS (SELECT 1 FROM tasks WHERE experiment_id = experiments.id
                                                    AND state IN ('WAITING', 'QUEUED', 'RUNNING'))
              AND EXISTS (SELECT 1 FROM tasks WHERE experiment_id = experiments.id)""";

    /** Longest error kept; longer ones (whole stack traces) are cut, not refused. */
    static final int MAX_ERROR_LENGTH = 4000;

    private final SqlDialect dialect;
    private final Clock clock;
    private final Growth growth;

    Transitions(SqlDialect dialect, Clock clock, Growth growth) {
        this.dialect = dialect;
        this.clock = clock;
        this.growth = growth;
    }

    /** Whether a task of this kind may make its experiment grow when it ends. */
    boolean grows(String kind) {
        return growth.grows(kind);
    }

    /** Adds the tasks the experiment's stored state calls for (see {@link TaskGrowth}). */
    Future<Void> grow(SqlConnection conn, String experimentId) {
        return growth.grow(conn, experimentId);
    }

    /** Locks the task's experiment, then reads the task; fails if there is no such task. */
    Future<LockedTask> lockTask(SqlConnection conn, String taskId) {
        return lockTasks(conn, List.of(taskId)).compose(tasks -> tasks.containsKey(taskId)
                ? Future.succeededFuture(tasks.get(taskId))
                : Future.failedFuture(missing("task", taskId)));
    }

    /**
     * Locks the experiments of the tasks, in the order of their ids (so two callers never wait
     * on each other's locks in a cycle), then reads the tasks. Ids without a task, or whose
     * task was deleted before its experiment's lock was taken, are left out.
     */
    Future<Map<String, LockedTask>> lockTasks(SqlConnection conn, List<String> taskIds) {
        Tuple ids = Tuple.from(taskIds);
        String in = Queries.placeholders(taskIds.size());
        return conn.preparedQuery(dialect.sql(LOCK_EXPERIMENTS_OF_TASKS.formatted(in))).execute(ids)
                .compose(locked -> conn.preparedQuery(dialect.sql(LOCKED_TASKS + in)).execute(ids))
                .map(rows -> {
                    Map<String, LockedTask> tasks = new HashMap<>();
                    rows.forEach(row -> tasks.put(row.getString("id"), lockedTask(row)));
                    return tasks;
                });
    }

    /** Locks the experiment's row for the rest of the transaction; fails if there is no such experiment. */
    Future<ExperimentState> lockExperiment(SqlConnection conn, String experimentId) {
        return conn.preparedQuery(dialect.sql(LOCK_EXPERIMENT)).execute(Tuple.of(experimentId))
                .compose(rows -> single(rows, "experiment", experimentId))
                .map(row -> ExperimentState.valueOf(row.getString("state")));
    }

    /**
     * Ends an attempt that did not produce a result: queued again while attempts are left,
     * else FAILED with its dependents cancelled. Succeeds with the task's new state.
     */
    Future<TaskState> endFailedAttempt(SqlConnection conn, LockedTask task, String error) {
        String kept = error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH - 3) + "...";
        if (task.hasAttemptsLeft()) {
            return conn.preparedQuery(dialect.sql(REQUEUE)).execute(Tuple.of(kept, clock.millis(), task.id()))
                    .map(updated -> TaskState.QUEUED);
        }
        return conn.preparedQuery(dialect.sql(FAIL)).execute(Tuple.of(kept, clock.millis(), task.id()))
                .compose(updated -> cancelDependents(conn, task.experimentId(),
                        "cancelled: dependency '" + task.key() + "' failed"))
                .compose(none -> growth.grows(task.kind()) ? grow(conn, task.experimentId()) : Future.succeededFuture())
                .compose(none -> finishIfDone(conn, task.experimentId()))
                .map(none -> TaskState.FAILED);
    }

    /** Queues the WAITING dependents of tasks that just became DONE whose dependencies are now all DONE. */
    Future<Void> releaseDependents(SqlConnection conn, List<String> taskIds) {
        List<Object> parameters = new ArrayList<>(List.of(clock.millis()));
        parameters.addAll(taskIds);
        return conn.preparedQuery(dialect.sql(RELEASE_DEPENDENTS.formatted(Queries.placeholders(taskIds.size()))))
                .execute(Tuple.from(parameters)).mapEmpty();
    }

    /**
     * Cancels every WAITING task downstream of a FAILED or CANCELLED one, level by level.
     * Dependents are CANCELLED rather than FAILED so that the FAILED count is the number of
     * tasks that really failed, and {@code reason} names the root cause.
     */
    Future<Void> cancelDependents(SqlConnection conn, String experimentId, String reason) {
        return conn.preparedQuery(dialect.sql(CANCEL_DEPENDENTS)).execute(Tuple.of(reason, clock.millis(), experimentId))
                .compose(rows -> rows.rowCount() == 0
                        ? Future.<Void>succeededFuture()
                        : cancelDependents(conn, experimentId, reason));
    }

    /** Marks the experiment DONE or FAILED once none of its tasks will run again, in one statement. */
    Future<Void> finishIfDone(SqlConnection conn, String experimentId) {
        return conn.preparedQuery(dialect.sql(FINISH_IF_DONE)).execute(Tuple.of(clock.millis(), experimentId)).mapEmpty();
    }

    static TaskCounts counts(RowSet<Row> rows) {
        Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
        for (Row row : rows) {
            counts.put(TaskState.valueOf(row.getString("state")), row.getLong("tasks"));
        }
        return new TaskCounts(counts);
    }

    /** The one row a lookup by id found, or a failure naming what was not found. */
    static Future<Row> single(RowSet<Row> rows, String what, String id) {
        if (rows.size() == 0) {
            return Future.failedFuture(missing(what, id));
        }
        return Future.succeededFuture(rows.iterator().next());
    }

    /** The failure of a lookup by id that found nothing, naming what and the id. */
    static NoSuchElementException missing(String what, String id) {
        return new NoSuchElementException("no " + what + " with id '" + id + "'");
    }

    private static LockedTask lockedTask(Row row) {
        return new LockedTask(
                row.getString("id"),
                row.getString("experiment_id"),
                row.getString("task_key"),
                row.getString("kind"),
                TaskState.valueOf(row.getString("state")),
                row.getInteger("attempt"),
                row.getInteger("max_attempts"),
                row.getString("lease_owner"),
                row.getLong("lease_expires_at"),
                row.getBoolean("has_dependents"));
    }
}
