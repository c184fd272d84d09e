package org.taskneurons.store;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** How rows of the schema become the store's records; the column lists travel with the mapping. */
final class Rows {

    static final String EXPERIMENT_COLUMNS = "id, name, spec_json, state, created_at, finished_at";
    static final String TASK_COLUMNS = "id, experiment_id, task_key, kind, state, attempt, max_attempts, "
            + "lease_owner, lease_expires_at, requires_gpu, input_json, error, created_at, updated_at";
    static final String RESULT_COLUMNS = "task_id, experiment_id, worker, attempt, result_json, recorded_at";

    private Rows() {
    }

    static Experiment experiment(Row row) {
        return new Experiment(
                row.getString("id"),
                row.getString("name"),
                row.getString("spec_json"),
                ExperimentState.valueOf(row.getString("state")),
                Instant.ofEpochMilli(row.getLong("created_at")),
                instant(row.getLong("finished_at")));
    }

    static Task task(Row row, List<String> dependsOn) {
        return new Task(
                row.getString("id"),
                row.getString("experiment_id"),
                row.getString("task_key"),
                row.getString("kind"),
                TaskState.valueOf(row.getString("state")),
                row.getInteger("attempt"),
                row.getInteger("max_attempts"),
                Optional.ofNullable(row.getString("lease_owner")),
                instant(row.getLong("lease_expires_at")),
                dependsOn,
                row.getBoolean("requires_gpu"),
                row.getString("input_json"),
                Optional.ofNullable(row.getString("error")),
                Instant.ofEpochMilli(row.getLong("created_at")),
                Instant.ofEpochMilli(row.getLong("updated_at")));
    }

    static Result result(Row row) {
        return new Result(
                row.getString("task_id"),
                row.getString("experiment_id"),
                row.getString("worker"),
                row.getInteger("attempt"),
                row.getString("result_json"),
                Instant.ofEpochMilli(row.getLong("recorded_at")));
    }

    private static Optional<Instant> instant(Long epochMillis) {
        return Optional.ofNullable(epochMillis).map(Instant::ofEpochMilli);
    }
}
