package org.taskneurons.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.taskneurons.experiment.Violation;
import org.taskneurons.store.ExperimentSummary;
import org.taskneurons.store.Result;
import org.taskneurons.store.Task;
import org.taskneurons.store.TaskCounts;
import org.taskneurons.store.TaskState;

/** The JSON forms of stored things in API replies and events (instants as ISO-8601 text). */
final class ApiJson {
    private ApiJson() {
    }

    /** {@code {id, name, state, createdAt, updatedAt, total, counts}}. */
    static JsonObject summary(ExperimentSummary summary) {
        return new JsonObject().put("id", summary.id()).put("name", summary.experiment().name())
                .put("state", summary.state().name())
                .put("createdAt", summary.experiment().createdAt().toString())
                .put("updatedAt", summary.experiment().finishedAt().orElse(summary.experiment().createdAt()).toString())
                .put("total", summary.tasks().total())
                .put("counts", counts(summary.tasks()));
    }

    static JsonObject counts(TaskCounts counts) {
        JsonObject json = new JsonObject();
        for (TaskState state : TaskState.values()) {
            json.put(state.name(), counts.count(state));
        }
        return json;
    }

    /** {@code {id, key, kind, state, attempt, maxAttempts, worker, error, updatedAt}}. */
    static JsonObject task(Task task) {
        return new JsonObject().put("id", task.id()).put("key", task.key()).put("kind", task.kind())
                .put("state", task.state().name()).put("attempt", task.attempt()).put("maxAttempts", task.maxAttempts())
                .put("worker", task.leaseOwner().orElse(null)).put("error", task.error().orElse(null))
                .put("updatedAt", task.updatedAt().toString());
    }

    /** {@code {taskId, key, kind, dataset, worker, attempt, recordedAt, result}}; a noop task has no data set. */
    static JsonObject result(Result result, Task task) {
        return new JsonObject().put("taskId", result.taskId()).put("key", task.key()).put("kind", task.kind())
                .put("dataset", TaskInput.dataset(task.inputJson())).put("worker", result.worker()).put("attempt", result.attempt())
                .put("recordedAt", result.recordedAt().toString()).put("result", new JsonObject(result.resultJson()));
    }

    /** The text of a failed reply: {@code {"error": "...", "violations": [{field, message}]}}. */
    static String error(String error, List<Violation> violations) {
        return new JsonObject().put("error", error).put("violations", new JsonArray(violations.stream()
                .map(violation -> new JsonObject().put("field", violation.field()).put("message", violation.reason()))
                .toList())).encode();
    }
}
