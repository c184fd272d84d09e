package org.taskneurons.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.taskneurons.experiment.PlannedTask;

/**
 * What a stored task hands its worker, as JSON: the experiment's spec (snake_case, as
 * {@link org.taskneurons.experiment.SpecReader} reads it) and the planned task:
 * {@code {v, spec: {...}, task: {key, kind, dataset, model, structure, seed}}}; for a noop
 * task {@code {v, sleepMs}}.
 */
final class TaskInput {
    static final String DISCOVER = "discover";
    static final String TRAIN = "train";
    static final String NOOP = "noop";

    private TaskInput() {
    }

    /** The store's kind of a planned task. */
    static String kind(PlannedTask task) {
        return task.kind() == PlannedTask.Kind.DISCOVERY ? DISCOVER : TRAIN;
    }

    static String of(JsonObject spec, PlannedTask task) {
        JsonObject planned = new JsonObject().put("key", task.key()).put("kind", kind(task)).put("dataset", task.dataset());
        if (task.kind() == PlannedTask.Kind.TRAINING) {
            planned.put("model", task.model().label()).put("structure", new JsonArray(task.structure()))
                    .put("seed", task.seed());
        }
        return Wire.message().put("spec", spec).put("task", planned).encode();
    }

    static String noop(long sleepMs) {
        return Wire.message().put("sleepMs", sleepMs).encode();
    }
}
