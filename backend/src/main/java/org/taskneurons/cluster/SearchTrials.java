package org.taskneurons.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.ModelKind;
import org.taskneurons.experiment.ResultJson;
import org.taskneurons.experiment.SearchPlan;
import org.taskneurons.experiment.TrialResult;
import org.taskneurons.store.Page;
import org.taskneurons.store.Result;
import org.taskneurons.store.Task;
import org.taskneurons.store.TaskState;

/**
 * The answer of {@code tn.api.trials}: a search's trials as its stored tasks and results tell
 * them, one entry per trial and rung (each rung of a trial is a task), ordered by data set,
 * model, trial and rung, a page at a time; and each data set's and model's best configuration
 * so far.
 *
 * <pre>
 * {experiment, total, trials: [{task, dataset, model, trial, config, rung, epochs, metric, value, state, promoted, stopped}],
 *  best: [{dataset, model, trial, config, metric, value}]}
 * </pre>
 *
 * {@code rung} is 0-based and {@code epochs} what the network has trained at its end;
 * {@code value} is null until the rung has a result, and for a diverged one. {@code state} is
 * the task's, except that a task waiting for its data set's discovery reads QUEUED.
 * {@code promoted}: the trial has a task at the next rung. {@code stopped}: the trial ends at
 * this rung: the task is finished and not promoted, and either this is the last rung or no
 * task of the model's trials at this rung or below is still open, so no decision about this
 * rung can change.
 */
final class SearchTrials {
    private SearchTrials() {
    }

    /** The answer for an experiment; an experiment without a search has no trials and no best. */
    static JsonObject of(String experimentId, String specJson, Collection<Task> tasks, List<Result> results, Page page) {
        JsonObject answer = Wire.message().put("experiment", experimentId);
        ExperimentSpec spec = Submission.isNoop(specJson) ? null : Submission.stored(specJson);
        if (spec == null || spec.search() == null) {
            return answer.put("total", 0).put("trials", new JsonArray()).put("best", new JsonArray());
        }
        Map<String, Task> byKey = new HashMap<>();
        Map<String, String> keyById = new HashMap<>();
        tasks.forEach(task -> {
            byKey.put(task.key(), task);
            keyById.put(task.id(), task.key());
        });
        Map<String, TrialResult> trialResults = new HashMap<>();
        for (Result result : results) {
            String key = keyById.get(result.taskId());
            if (key != null && key.startsWith("trial/")) {
                ResultJson.trial(result.resultJson()).ifPresent(trial -> trialResults.put(key, trial));
            }
        }
        SearchPlan plan = SearchPlan.of(spec);
        List<JsonObject> entries = new ArrayList<>();
        JsonArray best = new JsonArray();
        for (ExperimentSpec.DatasetSpec dataset : spec.datasets()) {
            for (ModelKind model : spec.models()) {
                Group group = new Group(plan, dataset.name(), model, byKey, trialResults);
                String metric = group.metric().orElse(spec.search().metric() == null ? null : spec.search().metric().label());
                for (int trial = 0; trial < plan.trials().size(); trial++) {
                    for (int rung = 0; rung < plan.rungs().size(); rung++) {
                        group.entry(trial, rung, metric).ifPresent(entries::add);
                    }
                }
                plan.bestOf(dataset.name(), model, trialResults).ifPresent(found -> best.add(new JsonObject()
                        .put("dataset", dataset.name()).put("model", model.label()).put("trial", found.trial())
                        .put("config", new JsonObject(new LinkedHashMap<>(found.config())))
                        .put("metric", found.metric()).put("value", finiteOrNull(found.value()))));
            }
        }
        List<JsonObject> shown = entries.subList(Math.min(page.offset(), entries.size()),
                (int) Math.min((long) page.offset() + page.limit(), entries.size()));
        return answer.put("total", entries.size()).put("trials", new JsonArray(new ArrayList<>(shown))).put("best", best);
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** One model's trials on one data set. */
    private static final class Group {
        private final SearchPlan plan;
        private final String dataset;
        private final ModelKind model;
        private final Map<String, Task> tasks;
        private final Map<String, TrialResult> results;
        /** The lowest rung with a task that will still run; the rung count when none will. */
        private final int lowestOpenRung;

        Group(SearchPlan plan, String dataset, ModelKind model, Map<String, Task> tasks, Map<String, TrialResult> results) {
            this.plan = plan;
            this.dataset = dataset;
            this.model = model;
            this.tasks = tasks;
            this.results = results;
            int lowest = plan.rungs().size();
            for (int trial = 0; trial < plan.trials().size(); trial++) {
                for (int rung = 0; rung < lowest; rung++) {
                    Task task = tasks.get(plan.trialKey(dataset, model, trial, rung));
                    if (task != null && !task.state().isFinished()) {
                        lowest = rung;
                    }
                }
            }
            this.lowestOpenRung = lowest;
        }

        /** The metric the group's results were judged on, once one is recorded. */
        Optional<String> metric() {
            for (int trial = 0; trial < plan.trials().size(); trial++) {
                for (int rung = 0; rung < plan.rungs().size(); rung++) {
                    TrialResult result = results.get(plan.trialKey(dataset, model, trial, rung));
                    if (result != null) {
                        return Optional.of(result.metric());
                    }
                }
            }
            return Optional.empty();
        }

        Optional<JsonObject> entry(int trial, int rung, String metric) {
            String key = plan.trialKey(dataset, model, trial, rung);
            Task task = tasks.get(key);
            if (task == null) {
                return Optional.empty();
            }
            TrialResult result = results.get(key);
            boolean last = rung == plan.rungs().size() - 1;
            boolean promoted = !last && tasks.containsKey(plan.trialKey(dataset, model, trial, rung + 1));
            boolean stopped = task.state().isFinished() && !promoted && (last || rung < lowestOpenRung);
            TaskState state = task.state() == TaskState.WAITING ? TaskState.QUEUED : task.state();
            return Optional.of(new JsonObject().put("task", task.id()).put("dataset", dataset).put("model", model.label())
                    .put("trial", trial).put("config", new JsonObject(new LinkedHashMap<>(plan.trials().get(trial))))
                    .put("rung", rung).put("epochs", plan.rungs().get(rung))
                    .put("metric", result != null ? result.metric() : metric)
                    .put("value", result == null ? null : finiteOrNull(result.value()))
                    .put("state", state.name()).put("promoted", promoted).put("stopped", stopped));
        }
    }
}
