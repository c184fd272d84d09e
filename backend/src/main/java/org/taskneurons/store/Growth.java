package org.taskneurons.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Asks a {@link TaskGrowth} what an experiment's stored state calls for and stores the new
 * tasks, inside the caller's transaction (which holds the experiment's lock): QUEUED when all
 * their dependencies are DONE, else WAITING, numbered after the experiment's last task. A
 * finished (cancelled) experiment grows no more.
 */
final class Growth {

    private static final String EXPERIMENT = "SELECT spec_json, state FROM experiments WHERE id = ?";
    private static final String TASKS = "SELECT id, task_key, state, seq FROM tasks WHERE experiment_id = ?";
    private static final String RESULTS = "SELECT t.task_key, r.result_json FROM results r "
            + "JOIN tasks t ON t.id = r.task_id WHERE r.experiment_id = ?";

    private final TaskGrowth growth;
    private final SqlDialect dialect;
    private final Clock clock;

    Growth(TaskGrowth growth, SqlDialect dialect, Clock clock) {
        this.growth = growth;
        this.dialect = dialect;
        this.clock = clock;
    }

    boolean grows(String kind) {
        return growth.grows(kind);
    }

    /** Adds the tasks the experiment's state calls for; none once it is finished. */
    Future<Void> grow(SqlConnection conn, String experimentId) {
        Tuple id = Tuple.of(experimentId);
        return conn.preparedQuery(dialect.sql(EXPERIMENT)).execute(id).compose(experiments -> {
            Row experiment = experiments.iterator().next();
            if (ExperimentState.valueOf(experiment.getString("state")).isFinished()) {
                return Future.succeededFuture();
            }
            return conn.preparedQuery(dialect.sql(TASKS)).execute(id).compose(taskRows -> conn
                    .preparedQuery(dialect.sql(RESULTS)).execute(id).compose(resultRows -> {
                        Map<String, TaskState> states = new LinkedHashMap<>();
                        Map<String, String> ids = new HashMap<>();
                        int seq = 0;
                        for (Row row : taskRows) {
                            states.put(row.getString("task_key"), TaskState.valueOf(row.getString("state")));
                            ids.put(row.getString("task_key"), row.getString("id"));
                            seq = Math.max(seq, row.getInteger("seq") + 1);
                        }
                        Map<String, String> results = new LinkedHashMap<>();
                        resultRows.forEach(row -> results.put(row.getString("task_key"), row.getString("result_json")));
                        List<TaskDraft> added = growth.next(experiment.getString("spec_json"), states, results);
                        return added.isEmpty() ? Future.succeededFuture()
                                : insert(conn, experimentId, added, states, ids, seq);
                    }));
        });
    }

    private Future<Void> insert(SqlConnection conn, String experimentId, List<TaskDraft> added,
            Map<String, TaskState> states, Map<String, String> ids, int firstSeq) {
        long now = clock.millis();
        List<Tuple> tasks = new ArrayList<>();
        List<Tuple> dependencies = new ArrayList<>();
        int seq = firstSeq;
        for (TaskDraft task : added) {
            String taskId = UUID.randomUUID().toString();
            ids.put(task.key(), taskId);
            boolean ready = task.dependsOn().stream().allMatch(key -> states.get(key) == TaskState.DONE);
            TaskState state = ready ? TaskState.QUEUED : TaskState.WAITING;
            states.put(task.key(), state);
            tasks.add(Experiments.taskRow(task, taskId, experimentId, seq++, state, now));
            task.dependsOn().forEach(key -> dependencies.add(Tuple.of(taskId, ids.get(key))));
        }
        Future<Void> inserted = conn.preparedQuery(dialect.sql(Experiments.INSERT_TASK)).executeBatch(tasks).mapEmpty();
        return dependencies.isEmpty() ? inserted : inserted.compose(none -> conn
                .preparedQuery(dialect.sql(Experiments.INSERT_DEPENDENCY)).executeBatch(dependencies).mapEmpty());
    }
}
