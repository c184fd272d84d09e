package org.taskneurons.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * The tasks of an experiment: one discovery per data set, then one training per data set ×
 * structure × model × seed. Trainings of models built from the formula (task-based,
 * random-polynomial) wait for their data set's discovery; the others can start at once.
 * Result tables are aggregated from the training results, not by a task of their own.
 */
public final class TaskGraph {
    private TaskGraph() {
    }

    /** The graph of a valid spec, in a stable order. */
    public static List<PlannedTask> of(ExperimentSpec spec) {
        List<PlannedTask> tasks = new ArrayList<>();
        for (ExperimentSpec.DatasetSpec dataset : spec.datasets()) {
            String discovery = "discover/" + dataset.name();
            tasks.add(new PlannedTask(discovery, PlannedTask.Kind.DISCOVERY, dataset.name(), null, null, null, List.of()));
            for (List<Integer> structure : spec.structures()) {
                for (ModelKind model : spec.models()) {
                    for (long seed : spec.seeds()) {
                        String key = String.join("/", "train", dataset.name(), model.label(),
                                PlannedTask.structureName(structure), Long.toString(seed));
                        tasks.add(new PlannedTask(key, PlannedTask.Kind.TRAINING, dataset.name(), model, structure, seed,
                                model.needsFormula() ? List.of(discovery) : List.of()));
                    }
                }
            }
        }
        return List.copyOf(tasks);
    }

    /** How many tasks {@link #of} makes of a spec, without making them. */
    public static long size(ExperimentSpec spec) {
        return (long) spec.datasets().size()
                * (1 + (long) spec.models().size() * spec.structures().size() * spec.seeds().size());
    }
}
