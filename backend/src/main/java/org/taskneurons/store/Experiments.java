package org.taskneurons.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/** An experiment's life as a whole: submitted with all its tasks, cancelled, deleted. */
final class Experiments {

    private static final String INSERT_EXPERIMENT = "INSERT INTO experiments "
            + "(id, name, spec_json, state, created_at, finished_at) VALUES (?, ?, ?, 'ACTIVE', ?, NULL)";
    static final String INSERT_TASK = """
            INSERT INTO tasks (id, experiment_id, seq, task_key, kind, state, requires_gpu, attempt, max_attempts,
                               lease_owner, lease_ms, lease_expires_at, queued_at, input_json, error,
                               created_at, updated_at, bundle_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, NULL, NULL, NULL, ?, ?, NULL, ?, ?, ?)""";
    static final String INSERT_DEPENDENCY = "INSERT INTO task_dependencies (task_id, depends_on) VALUES (?, ?)";
    private static final String CANCEL_TASKS = """
            UPDATE tasks SET state = 'CANCELLED', lease_expires_at = NULL, error = 'cancelled by request',
                             updated_at = ?
            WHERE experiment_id = ? AND state IN ('WAITING', 'QUEUED', 'RUNNING')""";
    private static final String CANCEL_EXPERIMENT =
            "UPDATE experiments SET state = 'CANCELLED', finished_at = ? WHERE id = ?";
    private static final String DELETE = "DELETE FROM experiments WHERE id = ?";

    private final Pool pool;
    private final SqlDialect dialect;
    private final Transitions transitions;
    private final Clock clock;

    Experiments(Pool pool, SqlDialect dialect, Transitions transitions, Clock clock) {
        this.pool = pool;
        this.dialect = dialect;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** Stores the experiment and every task in one transaction; succeeds only once it committed. */
    Future<ExperimentSummary> submit(ExperimentDraft draft) {
        String experimentId = UUID.randomUUID().toString();
        Map<String, String> taskIds = new HashMap<>();
        draft.tasks().forEach(task -> taskIds.put(task.key(), UUID.randomUUID().toString()));
        long now = clock.millis();
        return pool.withTransaction(conn -> conn.preparedQuery(dialect.sql(INSERT_EXPERIMENT))
                        .execute(Tuple.of(experimentId, draft.name(), draft.specJson(), now))
                        .compose(inserted -> conn.preparedQuery(dialect.sql(INSERT_TASK))
                                .executeBatch(taskRows(draft, experimentId, taskIds, now)))
                        .compose(inserted -> insertDependencies(conn, draft, taskIds))
                        .compose(inserted -> new Queries(conn, dialect).experiment(experimentId)));
    }

    /**
     * Cancels every unfinished task and the experiment; RUNNING tasks' workers learn it from
     * their next heartbeat. Cancelling a finished experiment changes nothing.
     */
    Future<ExperimentSummary> cancel(String experimentId) {
        long now = clock.millis();
        return pool.withTransaction(conn -> transitions.lockExperiment(conn, experimentId)
                .compose(state -> state.isFinished()
                        ? Future.succeededFuture()
                        : conn.preparedQuery(dialect.sql(CANCEL_TASKS)).execute(Tuple.of(now, experimentId))
                                .compose(cancelled -> conn.preparedQuery(dialect.sql(CANCEL_EXPERIMENT))
                                        .execute(Tuple.of(now, experimentId))))
                .compose(cancelled -> new Queries(conn, dialect).experiment(experimentId)));
    }

    /**
     * Removes the experiment with its tasks, dependencies, results and curves (the schema
     * cascades). Allowed in any state: workers still running its tasks get a failed future
     * from their next heartbeat.
     */
    Future<Void> delete(String experimentId) {
        return pool.withTransaction(conn -> conn.preparedQuery(dialect.sql(DELETE)).execute(Tuple.of(experimentId))
                .compose(rows -> rows.rowCount() == 0
                        ? Future.failedFuture(new NoSuchElementException("no experiment with id '" + experimentId + "'"))
                        : Future.succeededFuture()));
    }

    private static List<Tuple> taskRows(
            ExperimentDraft draft, String experimentId, Map<String, String> taskIds, long now) {
        List<Tuple> rows = new ArrayList<>();
        for (int seq = 0; seq < draft.tasks().size(); seq++) {
            TaskDraft task = draft.tasks().get(seq);
            rows.add(taskRow(task, taskIds.get(task.key()), experimentId, seq,
                    task.isReady() ? TaskState.QUEUED : TaskState.WAITING, now));
        }
        return rows;
    }

    /** The parameters of {@link #INSERT_TASK} for a task stored QUEUED or WAITING at {@code now}. */
    static Tuple taskRow(TaskDraft task, String taskId, String experimentId, int seq, TaskState state, long now) {
        return Tuple.of(taskId, experimentId, seq, task.key(), task.kind(), state.name(), task.requiresGpu(),
                task.maxAttempts(), state == TaskState.QUEUED ? now : null, task.inputJson(), now, now, task.bundleKey());
    }

    private Future<Void> insertDependencies(
            SqlConnection conn, ExperimentDraft draft, Map<String, String> taskIds) {
        List<Tuple> rows = new ArrayList<>();
        for (TaskDraft task : draft.tasks()) {
            for (String dependency : task.dependsOn()) {
                rows.add(Tuple.of(taskIds.get(task.key()), taskIds.get(dependency)));
            }
        }
        return rows.isEmpty()
                ? Future.succeededFuture()
                : conn.preparedQuery(dialect.sql(INSERT_DEPENDENCY)).executeBatch(rows).mapEmpty();
    }
}
