package org.taskneurons.experiment;

import java.util.List;

/**
 * One task of an experiment's graph, before it is stored.
 *
 * @param key       unique within the experiment and stable: {@code discover/airfoil},
 *                  {@code train/airfoil/task-based/10-2/3}
 * @param kind      discovery or training
 * @param dataset   the data set's name
 * @param model     training only: the model
 * @param structure training only: hidden widths
 * @param seed      training only: the seed
 * @param dependsOn keys of the tasks that must finish first
 */
public record PlannedTask(String key, Kind kind, String dataset, ModelKind model, List<Integer> structure, Long seed,
        List<String> dependsOn) {

    public enum Kind {
        DISCOVERY,
        TRAINING
    }

    public PlannedTask {
        structure = structure == null ? null : List.copyOf(structure);
        dependsOn = List.copyOf(dependsOn);
    }

    /**
     * The text of a structure in keys and tables: {@code 10-2}, or {@code single} for no hidden
     * layer; {@code best} for the table of a search, whose models each run their best configuration.
     */
    public static String structureName(List<Integer> widths) {
        if (widths == null) {
            return "best";
        }
        return widths.isEmpty() ? "single" : String.join("-", widths.stream().map(String::valueOf).toList());
    }
}
