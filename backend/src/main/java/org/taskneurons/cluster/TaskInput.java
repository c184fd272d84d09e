package org.taskneurons.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.PlannedTask;
import org.taskneurons.experiment.ResultJson;
import org.taskneurons.experiment.SearchTask;
import org.taskneurons.experiment.TrainingStep;

/**
 * What a stored task holds and what its worker gets, as JSON.
 *
 * <p>A stored discovery or training holds only what is its own: {@code {v, task: {key, kind,
 * dataset, model, structure, seed}}}; the experiment's spec is stored once, with the
 * experiment. The worker gets {@code {v, spec, task}}, where {@code spec} is that spec
 * narrowed to the task by {@link TaskSpecs}. A noop task holds and gets {@code {v, sleepMs}}.
 * Either way a task's input has the same size however many seeds, structures or data sets
 * its experiment lists, so storing and leasing an experiment costs in proportion to its tasks.
 * A search's task holds {@code {v, task: {key, dataset, model, trial, epochs, config, structure,
 * seed, resumeFrom, dependsOn}, resume?}}, where {@code resume} is the trial result (with its
 * checkpoint) that a promotion continues from; its worker gets the spec added the same way.
 */
final class TaskInput {
    private TaskInput() {
    }

    /** The kind of a planned task. */
    static TaskKind kind(PlannedTask task) {
        return task.kind() == PlannedTask.Kind.DISCOVERY ? TaskKind.DISCOVER : TaskKind.TRAIN;
    }

    static String of(PlannedTask task) {
        JsonObject planned = new JsonObject().put("key", task.key()).put("kind", kind(task).label())
                .put("dataset", task.dataset());
        if (task.kind() == PlannedTask.Kind.TRAINING) {
            planned.put("model", task.model().label()).put("structure", new JsonArray(task.structure()))
                    .put("seed", task.seed());
        }
        return Wire.message().put("task", planned).encode();
    }

    /**
     * What a training shares with the trainings it may be bundled with: its data set, model
     * and structure ({@code train/airfoil/task-based/10-2}); with the experiment, whose spec
     * and discovered formulas they share, that is everything {@link TrainingStep#trainBundle}
     * needs equal. Null for a discovery and for trainings that cannot be faster side by side
     * ({@link TrainingStep#mayTrainSideBySide}): those are leased one at a time, so that they
     * spread over the slots.
     */
    static String bundleKey(ExperimentSpec spec, PlannedTask task) {
        if (task.kind() != PlannedTask.Kind.TRAINING
                || !TrainingStep.mayTrainSideBySide(spec, spec.dataset(task.dataset()), task.model(), task.structure())) {
            return null;
        }
        return bundleKey(task.dataset(), task.model().label(), task.structure());
    }

    /** The bundle key of a training as its input's {@code task} holds it. */
    static String bundleKey(JsonObject task) {
        return bundleKey(task.getString("dataset"), task.getString("model"), structure(task));
    }

    /** The hidden widths of a training as its input's {@code task} holds them. */
    static List<Integer> structure(JsonObject task) {
        return task.getJsonArray("structure").stream().map(width -> ((Number) width).intValue()).toList();
    }

    private static String bundleKey(String dataset, String model, List<Integer> structure) {
        return String.join("/", TaskKind.TRAIN.label(), dataset, model, PlannedTask.structureName(structure));
    }

    /** The data set a stored input names; null for a noop task. */
    static String dataset(String storedInput) {
        JsonObject task = new JsonObject(storedInput).getJsonObject("task");
        return task == null ? null : task.getString("dataset");
    }

    /** A search task's input; {@code resume} is the trial result it continues from, or null. */
    static String search(SearchTask task, JsonObject resume) {
        JsonObject input = Wire.message().put("task", new JsonObject(ResultJson.write(task)));
        if (resume != null) {
            input.put("resume", resume);
        }
        return input.encode();
    }

    static String noop(long sleepMs) {
        return Wire.message().put("sleepMs", sleepMs).encode();
    }
}
