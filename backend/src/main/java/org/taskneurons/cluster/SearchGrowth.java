package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.ResultJson;
import org.taskneurons.experiment.SearchPlan;
import org.taskneurons.experiment.SearchTask;
import org.taskneurons.experiment.TrialResult;
import org.taskneurons.store.TaskDraft;
import org.taskneurons.store.TaskGrowth;
import org.taskneurons.store.TaskState;

/**
 * The store's {@link TaskGrowth} for searches: when a search task ends, its experiment's
 * {@link SearchPlan} is asked what the stored tasks and results call for, and the promotions
 * and final runs it names become tasks in the same transaction. A promotion's input carries the
 * trial result it continues from, checkpoint included, so any worker can continue it.
 */
final class SearchGrowth implements TaskGrowth {
    private final int maxAttempts;

    SearchGrowth(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    @Override
    public boolean grows(String kind) {
        return TaskKind.SEARCH.is(kind);
    }

    @Override
    public List<TaskDraft> next(String specJson, Map<String, TaskState> tasks, Map<String, String> results) {
        ExperimentSpec spec = Submission.stored(specJson);
        if (spec.search() == null) {
            return List.of();
        }
        Set<String> open = new HashSet<>();
        tasks.forEach((key, state) -> {
            if (state == TaskState.WAITING || state == TaskState.QUEUED || state == TaskState.RUNNING) {
                open.add(key);
            }
        });
        Map<String, TrialResult> trials = new LinkedHashMap<>();
        results.forEach((key, json) -> {
            if (key.startsWith("trial/")) {
                ResultJson.trial(json).ifPresent(trial -> trials.put(key, trial));
            }
        });
        return SearchPlan.of(spec).next(tasks.keySet(), open, trials).stream()
                .map(task -> draft(task, task.resumeFrom() == null ? null
                        : new JsonObject(results.get(task.resumeFrom())).getJsonObject("trial"), maxAttempts))
                .toList();
    }

    /** The stored form of a search task. */
    static TaskDraft draft(SearchTask task, JsonObject resume, int maxAttempts) {
        return new TaskDraft(task.key(), TaskKind.SEARCH.label(), false, maxAttempts, TaskInput.search(task, resume),
                task.dependsOn(), null);
    }
}
