package org.taskneurons.store;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An experiment as submitted: its spec and the task graph expanded from it.
 *
 * <p>The graph is checked here, before anything reaches the database: keys are unique,
 * every dependency names a task of this experiment, and there is no cycle (a cycle would
 * leave its tasks WAITING forever).
 *
 * @param name     shown to users, at most {@value #MAX_NAME_LENGTH} characters
 * @param specJson the spec as submitted, as JSON
 * @param tasks    at least one task, in the order the expansion produced them
 */
public record ExperimentDraft(String name, String specJson, List<TaskDraft> tasks) {

    public static final int MAX_NAME_LENGTH = 200;

    public ExperimentDraft {
        Require.text("name", name, MAX_NAME_LENGTH);
        Require.json("specJson", specJson);
        tasks = List.copyOf(Require.present("tasks", tasks));
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("tasks must not be empty: experiment '" + name + "' has none");
        }
        requireGraph(tasks);
    }

    private static void requireGraph(List<TaskDraft> tasks) {
        Map<String, TaskDraft> byKey = new HashMap<>();
        for (TaskDraft task : tasks) {
            if (byKey.put(task.key(), task) != null) {
                throw new IllegalArgumentException("task key used twice: '" + task.key() + "'");
            }
        }
        for (TaskDraft task : tasks) {
            for (String dependency : task.dependsOn()) {
                if (!byKey.containsKey(dependency)) {
                    throw new IllegalArgumentException(
                            "task '" + task.key() + "' depends on unknown task key '" + dependency + "'");
                }
            }
        }
        Set<String> acyclic = new HashSet<>();
        for (TaskDraft task : tasks) {
            requireAcyclic(task, byKey, acyclic, new HashSet<>());
        }
    }

    /** Depth-first walk; {@code onPath} holds the keys of the current path, {@code acyclic} those proven fine. */
    private static void requireAcyclic(
            TaskDraft task, Map<String, TaskDraft> byKey, Set<String> acyclic, Set<String> onPath) {
        if (acyclic.contains(task.key())) {
            return;
        }
        if (!onPath.add(task.key())) {
            throw new IllegalArgumentException("dependency cycle through task '" + task.key() + "'");
        }
        for (String dependency : task.dependsOn()) {
            requireAcyclic(byKey.get(dependency), byKey, acyclic, onPath);
        }
        onPath.remove(task.key());
        acyclic.add(task.key());
    }
}
