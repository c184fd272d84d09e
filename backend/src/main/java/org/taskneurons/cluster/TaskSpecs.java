package org.taskneurons.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One experiment's stored spec, split so that each of its tasks gets only the part it needs:
 * the settings all its tasks share, its own data set and, for a training, its own model,
 * structure and seed (a discovery gets none). The worker's input thus has the same size
 * however many seeds, structures or data sets the experiment lists, and the engine reads it
 * as the spec of a one-task experiment.
 */
final class TaskSpecs {
    /** The lists a task's spec narrows to the task's own entry. */
    private static final List<String> PER_TASK = List.of("datasets", "models", "structures", "seeds");

    private final JsonObject shared;
    private final Map<String, JsonObject> datasets = new HashMap<>();

    private TaskSpecs(JsonObject spec) {
        this.shared = spec.copy();
        PER_TASK.forEach(shared::remove);
        spec.getJsonArray("datasets", new JsonArray()).forEach(entry -> {
            JsonObject dataset = (JsonObject) entry;
            datasets.put(dataset.getString("name"), dataset);
        });
    }

    /** The parts of a spec as the store holds it (snake_case, defaults filled in). */
    static TaskSpecs of(String specJson) {
        return new TaskSpecs(new JsonObject(specJson));
    }

    /** What the worker gets for a stored discovery or training input: {@code {v, spec, task}}. */
    String workerInput(String storedInput) {
        JsonObject input = new JsonObject(storedInput);
        JsonObject task = input.getJsonObject("task");
        String name = task.getString("dataset");
        JsonObject dataset = datasets.get(name);
        if (dataset == null) {
            throw new IllegalArgumentException("the spec has no data set '" + name + "' for task '"
                    + task.getString("key") + "'");
        }
        JsonObject spec = shared.copy().put("datasets", new JsonArray().add(dataset));
        boolean training = TaskKind.TRAIN.is(task.getString("kind"));
        spec.put("models", training ? new JsonArray().add(task.getString("model")) : new JsonArray())
                .put("structures", training ? new JsonArray().add(task.getJsonArray("structure")) : new JsonArray())
                .put("seeds", training ? new JsonArray().add(task.getLong("seed")) : new JsonArray());
        return input.put("spec", spec).encode();
    }
}
