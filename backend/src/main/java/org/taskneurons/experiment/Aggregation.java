package org.taskneurons.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.taskneurons.evaluation.Comparison;
import org.taskneurons.evaluation.ComparisonRun;

/**
 * Turns an experiment's task outcomes into its report: per data set the discovered formula
 * and one comparison table per structure. A local run and the server aggregate with the same
 * code, so {@code run --json} and the server's report show the same numbers for the same spec.
 * Outcomes are taken in the task graph's order, which fixes the order of the tables' rows.
 */
public final class Aggregation {
    private Aggregation() {
    }

    /**
     * The report of a run.
     *
     * @param discoveries by data set name; a data set without one (not yet discovered) has a null discovery
     * @param trainings   the finished trainings, in task-graph order
     * @param failures    failed tasks with their error
     */
    public static LocalRunner.Report report(ExperimentSpec spec, Map<String, DiscoveryStep.Outcome> discoveries,
            Map<PlannedTask, TrainingStep.Outcome> trainings, Map<PlannedTask, String> failures) {
        List<LocalRunner.DatasetReport> reports = new ArrayList<>();
        for (ExperimentSpec.DatasetSpec dataset : spec.datasets()) {
            List<TrainingStep.Outcome> outcomes = trainings.entrySet().stream()
                    .filter(entry -> entry.getKey().dataset().equals(dataset.name())).map(Map.Entry::getValue).toList();
            Map<String, String> failed = new LinkedHashMap<>();
            failures.forEach((task, error) -> {
                if (task.dataset().equals(dataset.name())) {
                    failed.put(task.key(), error);
                }
            });
            reports.add(dataset(spec, dataset.name(), discoveries.get(dataset.name()), outcomes, failed));
        }
        return new LocalRunner.Report(spec.name(), List.copyOf(reports), List.of());
    }

    /**
     * The report of stored results, complete or partial.
     *
     * @param resultsByKey the recorded result JSON ({@link ResultJson}) of finished tasks, by task key
     * @param errorsByKey  the error of each failed task, by task key
     */
    public static LocalRunner.Report ofResults(ExperimentSpec spec, Map<String, String> resultsByKey,
            Map<String, String> errorsByKey) {
        if (spec.search() != null) {
            return ofSearch(spec, resultsByKey, errorsByKey);
        }
        Map<String, DiscoveryStep.Outcome> discoveries = new LinkedHashMap<>();
        Map<PlannedTask, TrainingStep.Outcome> trainings = new LinkedHashMap<>();
        Map<PlannedTask, String> failures = new LinkedHashMap<>();
        for (PlannedTask task : TaskGraph.of(spec)) {
            String result = resultsByKey.get(task.key());
            if (result != null && task.kind() == PlannedTask.Kind.DISCOVERY) {
                discoveries.put(task.dataset(), ResultJson.discovery(result));
            } else if (result != null) {
                trainings.put(task, ResultJson.training(result));
            } else if (errorsByKey.containsKey(task.key())) {
                failures.put(task, errorsByKey.get(task.key()));
            }
        }
        return report(spec, discoveries, trainings, failures);
    }

    /**
     * One data set's tables. The divergence rule: a run that diverged ({@link TrainingStep.Outcome#diverged})
     * or started dead ({@link TrainingStep.Outcome#dead}) is left out of its model's means,
     * standard deviations and tests, listed in {@code excluded}, and counted in its row ("9 of
     * 10" runs).
     */
    public static LocalRunner.DatasetReport dataset(ExperimentSpec spec, String dataset, DiscoveryStep.Outcome discovery,
            List<TrainingStep.Outcome> outcomes, Map<String, String> failures) {
        List<LocalRunner.Table> tables = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (List<Integer> structure : spec.structures()) {
            table(structure, outcomes.stream().filter(outcome -> outcome.structure().equals(structure)).toList(), excluded)
                    .ifPresent(tables::add);
        }
        return new LocalRunner.DatasetReport(dataset, discovery, List.copyOf(outcomes), List.copyOf(tables),
                List.copyOf(excluded), Collections.unmodifiableMap(new LinkedHashMap<>(failures)));
    }

    /** The table of one structure's runs (null: a search's best configurations of tuned structures), listing the diverged and dead ones in {@code excluded}. */
    private static Optional<LocalRunner.Table> table(List<Integer> structure, List<TrainingStep.Outcome> outcomes,
            List<String> excluded) {
        List<ComparisonRun> runs = new ArrayList<>();
        Map<String, Integer> leftOut = new LinkedHashMap<>();
        for (TrainingStep.Outcome outcome : outcomes) {
            if (!outcome.diverged() && !outcome.dead()) {
                runs.add(new ComparisonRun(outcome.model(), outcome.seed(), outcome.testMetrics(), outcome.parameters()));
            } else {
                excluded.add(outcome.model() + " seed " + outcome.seed() + " " + PlannedTask.structureName(structure)
                        + (outcome.diverged() ? "" : " (dead at start)"));
                leftOut.merge(outcome.model(), 1, Integer::sum);
            }
        }
        // The first model of the spec that has runs is the one the others are tested against.
        return runs.isEmpty() ? Optional.empty()
                : Optional.of(new LocalRunner.Table(structure, Comparison.of(runs.get(0).model(), runs, leftOut)));
    }

    /**
     * The report of a search: per data set one table of each model's best configuration over
     * the seeds (the final runs, scored on the test rows), and one summary per data set and
     * model of what its search spent and found.
     */
    private static LocalRunner.Report ofSearch(ExperimentSpec spec, Map<String, String> resultsByKey,
            Map<String, String> errorsByKey) {
        SearchPlan plan = SearchPlan.of(spec);
        Map<String, TrialResult> trials = new LinkedHashMap<>();
        Map<String, Integer> epochs = new LinkedHashMap<>();
        resultsByKey.forEach((key, json) -> ResultJson.trial(json).ifPresent(trial -> {
            trials.put(key, trial);
            epochs.put(key, ResultJson.training(json).epochs());
        }));
        List<LocalRunner.DatasetReport> reports = new ArrayList<>();
        for (ExperimentSpec.DatasetSpec dataset : spec.datasets()) {
            String discovered = resultsByKey.get("discover/" + dataset.name());
            List<TrainingStep.Outcome> finals = new ArrayList<>();
            for (ModelKind model : spec.models()) {
                for (long seed : spec.seeds()) {
                    String result = resultsByKey.get(String.join("/", "train", dataset.name(), model.label(), "best",
                            Long.toString(seed)));
                    if (result != null) {
                        finals.add(ResultJson.training(result));
                    }
                }
            }
            List<String> excluded = new ArrayList<>();
            List<LocalRunner.Table> tables = table(plan.fixedStructure(), finals, excluded).map(List::of).orElse(List.of());
            Map<String, String> failures = new LinkedHashMap<>();
            errorsByKey.forEach((key, error) -> {
                if (key.split("/").length > 1 && key.split("/")[1].equals(dataset.name())) {
                    failures.put(key, error);
                }
            });
            reports.add(new LocalRunner.DatasetReport(dataset.name(),
                    discovered == null ? null : ResultJson.discovery(discovered), List.copyOf(finals), tables,
                    List.copyOf(excluded), Collections.unmodifiableMap(failures)));
        }
        return new LocalRunner.Report(spec.name(), List.copyOf(reports), plan.summaries(trials, epochs));
    }
}
