package org.taskneurons.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The store's reads: experiments with their task counts, tasks with their dependencies, results. */
final class Queries {

    private static final String EXPERIMENT = "SELECT " + Rows.EXPERIMENT_COLUMNS + " FROM experiments WHERE id = ?";
    private static final String EXPERIMENT_PAGE = "SELECT " + Rows.EXPERIMENT_COLUMNS
            + " FROM experiments ORDER BY created_at DESC, id LIMIT ? OFFSET ?";
    private static final String COUNTS_OF_PAGE = """
            SELECT experiment_id, state, COUNT(*) AS tasks FROM tasks
            WHERE experiment_id IN (SELECT id FROM experiments ORDER BY created_at DESC, id LIMIT ? OFFSET ?)
            GROUP BY experiment_id, state""";
    private static final String TASK = "SELECT " + Rows.TASK_COLUMNS + " FROM tasks WHERE id = ?";
    private static final String DEPENDENCIES_OF_TASK = """
            SELECT d.task_id, d.depends_on FROM task_dependencies d JOIN tasks p ON p.id = d.depends_on
            WHERE d.task_id = ? ORDER BY p.seq""";
    private static final String TASKS_BY_ID = "SELECT " + Rows.TASK_COLUMNS
            + ", EXISTS (SELECT 1 FROM task_dependencies d WHERE d.task_id = tasks.id) AS has_dependencies"
            + " FROM tasks WHERE id IN ";
    private static final String DEPENDENCIES_BY_ID = """
            SELECT d.task_id, d.depends_on FROM task_dependencies d JOIN tasks p ON p.id = d.depends_on
            WHERE d.task_id IN %s ORDER BY d.task_id, p.seq""";
    private static final String TASK_PAGE = "SELECT " + Rows.TASK_COLUMNS
            + " FROM tasks WHERE experiment_id = ? ORDER BY seq LIMIT ? OFFSET ?";
    private static final String DEPENDENCIES_OF_PAGE = """
            SELECT d.task_id, d.depends_on FROM task_dependencies d JOIN tasks p ON p.id = d.depends_on
            WHERE d.task_id IN (SELECT id FROM tasks WHERE experiment_id = ? ORDER BY seq LIMIT ? OFFSET ?)
            ORDER BY d.task_id, p.seq""";
    private static final String RESULTS = "SELECT r.task_id, r.experiment_id, r.worker, r.attempt, r.result_json, "
            + "r.recorded_at FROM results r JOIN tasks t ON t.id = r.task_id WHERE r.experiment_id = ? ORDER BY t.seq";
    private static final String RESULT = "SELECT " + Rows.RESULT_COLUMNS + " FROM results WHERE task_id = ?";
    private static final String COUNTS = "SELECT state, COUNT(*) AS tasks FROM tasks WHERE experiment_id = ? GROUP BY state";
    private static final String ALL_COUNTS = "SELECT state, COUNT(*) AS tasks FROM tasks GROUP BY state";
    private static final String TASK_EXISTS = "SELECT id FROM tasks WHERE id = ?";

    private final SqlClient client;
    private final SqlDialect dialect;

    Queries(SqlClient client, SqlDialect dialect) {
        this.client = client;
        this.dialect = dialect;
    }

    Future<ExperimentSummary> experiment(String id) {
        return client.preparedQuery(dialect.sql(EXPERIMENT)).execute(Tuple.of(id))
                .compose(rows -> Transitions.single(rows, "experiment", id))
                .map(Rows::experiment)
                .compose(experiment -> client.preparedQuery(dialect.sql(COUNTS)).execute(Tuple.of(id))
                        .map(counts -> new ExperimentSummary(experiment, Transitions.counts(counts))));
    }

    /** Newest first. */
    Future<List<ExperimentSummary>> experiments(Page page) {
        Tuple window = Tuple.of(page.limit(), page.offset());
        return client.preparedQuery(dialect.sql(EXPERIMENT_PAGE)).execute(window)
                .compose(experiments -> client.preparedQuery(dialect.sql(COUNTS_OF_PAGE)).execute(window)
                        .map(counts -> summaries(experiments, counts)));
    }

    Future<Task> task(String id) {
        return client.preparedQuery(dialect.sql(TASK)).execute(Tuple.of(id))
                .compose(rows -> Transitions.single(rows, "task", id))
                .compose(row -> client.preparedQuery(dialect.sql(DEPENDENCIES_OF_TASK)).execute(Tuple.of(id))
                        .map(dependencies -> Rows.task(row, dependencies(dependencies).getOrDefault(id, List.of()))));
    }

    /**
     * The tasks of these ids, by id; an id without a task is left out. Their dependencies are
     * read only when one of them has any.
     */
    Future<Map<String, Task>> tasks(List<String> ids) {
        if (ids.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        Tuple idTuple = Tuple.from(ids);
        String in = placeholders(ids.size());
        return client.preparedQuery(dialect.sql(TASKS_BY_ID + in)).execute(idTuple).compose(rows -> {
            boolean anyDependencies = false;
            for (Row row : rows) {
                anyDependencies |= row.getBoolean("has_dependencies");
            }
            Future<Map<String, List<String>>> dependencies = anyDependencies
                    ? client.preparedQuery(dialect.sql(DEPENDENCIES_BY_ID.formatted(in))).execute(idTuple).map(Queries::dependencies)
                    : Future.succeededFuture(Map.of());
            return dependencies.map(byTask -> {
                Map<String, Task> byId = new HashMap<>();
                tasks(rows, byTask).forEach(task -> byId.put(task.id(), task));
                return byId;
            });
        });
    }

    /** In the order the experiment's draft listed them. */
    Future<List<Task>> tasks(String experimentId, Page page) {
        Tuple window = Tuple.of(experimentId, page.limit(), page.offset());
        return requireExperiment(experimentId)
                .compose(exists -> client.preparedQuery(dialect.sql(TASK_PAGE)).execute(window))
                .compose(tasks -> client.preparedQuery(dialect.sql(DEPENDENCIES_OF_PAGE)).execute(window)
                        .map(dependencies -> tasks(tasks, dependencies(dependencies))));
    }

    /** In the order of the experiment's tasks. */
    Future<List<Result>> results(String experimentId) {
        return requireExperiment(experimentId)
                .compose(exists -> client.preparedQuery(dialect.sql(RESULTS)).execute(Tuple.of(experimentId)))
                .map(rows -> {
                    List<Result> results = new ArrayList<>();
                    rows.forEach(row -> results.add(Rows.result(row)));
                    return results;
                });
    }

    /** Empty while the task has no result yet. */
    Future<Optional<Result>> result(String taskId) {
        return requireTask(taskId)
                .compose(exists -> client.preparedQuery(dialect.sql(RESULT)).execute(Tuple.of(taskId)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Rows.result(rows.iterator().next())));
    }

    Future<TaskCounts> taskCounts() {
        return client.query(ALL_COUNTS).execute().map(Transitions::counts);
    }

    Future<Void> requireExperiment(String id) {
        return client.preparedQuery(dialect.sql(EXPERIMENT)).execute(Tuple.of(id))
                .compose(rows -> Transitions.single(rows, "experiment", id))
                .mapEmpty();
    }

    Future<Void> requireTask(String id) {
        return client.preparedQuery(dialect.sql(TASK_EXISTS)).execute(Tuple.of(id))
                .compose(rows -> Transitions.single(rows, "task", id))
                .mapEmpty();
    }

    /** {@code (?, ?, …)} with {@code count} parameters, for {@code IN} lists. */
    static String placeholders(int count) {
        return "(" + String.join(", ", Collections.nCopies(count, "?")) + ")";
    }

    private static List<ExperimentSummary> summaries(RowSet<Row> experiments, RowSet<Row> counts) {
        Map<String, Map<TaskState, Long>> byExperiment = new HashMap<>();
        for (Row row : counts) {
            byExperiment.computeIfAbsent(row.getString("experiment_id"), id -> new EnumMap<>(TaskState.class))
                    .put(TaskState.valueOf(row.getString("state")), row.getLong("tasks"));
        }
        List<ExperimentSummary> summaries = new ArrayList<>();
        for (Row row : experiments) {
            Experiment experiment = Rows.experiment(row);
            summaries.add(new ExperimentSummary(
                    experiment, new TaskCounts(byExperiment.getOrDefault(experiment.id(), Map.of()))));
        }
        return summaries;
    }

    private static List<Task> tasks(RowSet<Row> rows, Map<String, List<String>> dependencies) {
        List<Task> tasks = new ArrayList<>();
        for (Row row : rows) {
            tasks.add(Rows.task(row, dependencies.getOrDefault(row.getString("id"), List.of())));
        }
        return tasks;
    }

    private static Map<String, List<String>> dependencies(RowSet<Row> rows) {
        Map<String, List<String>> byTask = new LinkedHashMap<>();
        for (Row row : rows) {
            byTask.computeIfAbsent(row.getString("task_id"), id -> new ArrayList<>()).add(row.getString("depends_on"));
        }
        return byTask;
    }
}
