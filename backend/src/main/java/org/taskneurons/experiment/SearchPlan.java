package org.taskneurons.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The growing task graph of a search. {@link #initial} is what the spec expands to: every
 * data set's discovery and the first rung of every model's trials. {@link #next} is what the
 * recorded results call for: asynchronous successive halving (ASHA) promotes, as soon as a
 * rung has at least eta results, its best 1/eta to the next rung (eta times the epochs; a rung
 * of fewer epochs than the budget's grace promotes every result), and
 * once a model's trials are all finished, its best configuration runs over the spec's seeds.
 *
 * <p>{@link #next} is a function of what is stored, nothing else: tasks that exist are never
 * asked for again, so a decision is made once however often it is asked, and the same
 * results always lead to the same decisions. Results are ranked by their metric, ties by the
 * lower trial number; a result that is not finite (a diverged trial) is never promoted. The
 * best configuration is the best result of the highest rung any trial reached.
 *
 * <p>Every model and data set gets the same trials: they are drawn once from one stream
 * seeded with {@code search.seed}. Trials train on the spec's first seed and are judged on
 * the validation rows that split carves from the training rows; test rows decide nothing.
 */
public final class SearchPlan {
    private final ExperimentSpec spec;
    private final ExperimentSpec.SearchSpec search;
    private final List<Map<String, Object>> trials;
    private final List<Integer> rungs;
    private final boolean tunesStructure;

    private SearchPlan(ExperimentSpec spec) {
        this.spec = spec;
        this.search = spec.search();
        SearchSpace space = SearchSpace.parse(search.space(), new ArrayList<>());
        this.tunesStructure = space.has(Hyperparameter.STRUCTURE);
        this.trials = search.method() == SearchMethod.GRID ? space.grid() : space.draw(search.trials(), search.seed());
        this.rungs = rungs(search);
    }

    /** The plan of a valid spec with a search. */
    public static SearchPlan of(ExperimentSpec spec) {
        if (spec.search() == null) {
            throw new IllegalArgumentException("the spec has no search");
        }
        return new SearchPlan(spec);
    }

    /** The epochs of each rung: min·eta^k up to max, and max itself last; grid and random trials have one rung. */
    static List<Integer> rungs(ExperimentSpec.SearchSpec search) {
        ExperimentSpec.BudgetSpec budget = search.budget();
        if (search.method() != SearchMethod.ASHA) {
            return List.of(budget.maxEpochs());
        }
        List<Integer> rungs = new ArrayList<>();
        for (long epochs = budget.minEpochs(); epochs < budget.maxEpochs(); epochs *= budget.eta()) {
            rungs.add((int) epochs);
        }
        rungs.add(budget.maxEpochs());
        return List.copyOf(rungs);
    }

    /** The one structure every trial and final run trains, or null when the space tunes it. */
    public List<Integer> fixedStructure() {
        return tunesStructure ? null : spec.structures().get(0);
    }

    public List<Integer> rungs() {
        return rungs;
    }

    /** The configurations every model and data set tries, in trial order. */
    public List<Map<String, Object>> trials() {
        return trials;
    }

    /** The epochs all trials would train if each ran the whole budget. */
    public long fullBudgetEpochs() {
        return (long) trials.size() * rungs.get(rungs.size() - 1);
    }

    /** Each data set's discovery, the first tasks a search expands to. */
    public List<PlannedTask> discoveries() {
        return spec.datasets().stream().map(dataset -> new PlannedTask(discovery(dataset.name()),
                PlannedTask.Kind.DISCOVERY, dataset.name(), null, null, null, List.of())).toList();
    }

    /** Every model's trials at the first rung, the rest of what a search expands to. */
    public List<SearchTask> initial() {
        List<SearchTask> tasks = new ArrayList<>();
        for (ExperimentSpec.DatasetSpec dataset : spec.datasets()) {
            for (ModelKind model : spec.models()) {
                for (int t = 0; t < trials.size(); t++) {
                    tasks.add(trial(dataset.name(), model, t, 0, null));
                }
            }
        }
        return tasks;
    }

    /**
     * The tasks the stored state calls for that do not exist yet: promotions, and the final
     * runs of every model whose trials have all finished.
     *
     * @param existing the keys of every task of the experiment
     * @param open     the keys of the tasks that will still run (waiting, queued or running)
     * @param results  the recorded results of trial tasks, by key
     */
    public List<SearchTask> next(Set<String> existing, Set<String> open, Map<String, TrialResult> results) {
        List<SearchTask> added = new ArrayList<>();
        for (ExperimentSpec.DatasetSpec dataset : spec.datasets()) {
            for (ModelKind model : spec.models()) {
                List<SearchTask> promoted = promotions(dataset.name(), model, existing, results);
                added.addAll(promoted);
                if (promoted.isEmpty() && !anyOpen(dataset.name(), model, open)) {
                    best(dataset.name(), model, results).ifPresent(best -> finals(dataset.name(), model, best, existing)
                            .forEach(added::add));
                }
            }
        }
        return added;
    }

    /**
     * One model's search on one data set as the stored results tell it.
     *
     * @param trials           trials per model and data set
     * @param epochsSpent      epochs its trial tasks trained, each counted once (a promotion
     *                         that continued from a checkpoint counts only the epochs it added)
     * @param epochsFullBudget epochs the same trials would train if each ran the whole budget
     */
    public record Summary(String dataset, ModelKind model, int trials, long epochsSpent, long epochsFullBudget,
            Best best) {
    }

    /** The best configuration, its deciding metric and value (on the validation rows), and its trial. */
    public record Best(Map<String, Object> config, String metric, double value, int trial) {
    }

    /**
     * The searches of every data set and model that have a result.
     *
     * @param results     trial results by key
     * @param epochsByKey the epochs each recorded trial task trained itself, by key
     */
    public List<Summary> summaries(Map<String, TrialResult> results, Map<String, Integer> epochsByKey) {
        List<Summary> summaries = new ArrayList<>();
        for (ExperimentSpec.DatasetSpec dataset : spec.datasets()) {
            for (ModelKind model : spec.models()) {
                String prefix = groupPrefix(dataset.name(), model);
                long spent = epochsByKey.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix))
                        .mapToLong(Map.Entry::getValue).sum();
                bestOf(dataset.name(), model, results).ifPresent(best -> summaries.add(new Summary(dataset.name(), model,
                        trials.size(), spent, fullBudgetEpochs(), best)));
            }
        }
        return summaries;
    }

    /** One model's best configuration on one data set so far (see {@link #best}); empty before its first result. */
    public Optional<Best> bestOf(String dataset, ModelKind model, Map<String, TrialResult> results) {
        return best(dataset, model, results)
                .map(best -> new Best(trials.get(best.trial()), best.metric(), best.value(), best.trial()));
    }

    private List<SearchTask> promotions(String dataset, ModelKind model, Set<String> existing,
            Map<String, TrialResult> results) {
        List<SearchTask> promoted = new ArrayList<>();
        for (int rung = 0; rung + 1 < rungs.size(); rung++) {
            List<TrialResult> finished = new ArrayList<>();
            for (int t = 0; t < trials.size(); t++) {
                TrialResult result = results.get(trialKey(dataset, model, t, rung));
                if (result != null) {
                    finished.add(result);
                }
            }
            finished.sort(ranking());
            int top = rungs.get(rung) < search.budget().graceEpochs() ? finished.size()
                    : finished.size() / search.budget().eta();
            for (TrialResult result : finished.subList(0, top)) {
                String next = trialKey(dataset, model, result.trial(), rung + 1);
                if (Double.isFinite(result.value()) && !existing.contains(next)) {
                    promoted.add(trial(dataset, model, result.trial(), rung + 1, trialKey(dataset, model, result.trial(), rung)));
                }
            }
        }
        return promoted;
    }

    private static Comparator<TrialResult> ranking() {
        return (a, b) -> a.beats(b) ? -1 : b.beats(a) ? 1 : Integer.compare(a.trial(), b.trial());
    }

    /** The best result of the highest rung any of the model's trials reached. */
    private Optional<TrialResult> best(String dataset, ModelKind model, Map<String, TrialResult> results) {
        for (int rung = rungs.size() - 1; rung >= 0; rung--) {
            List<TrialResult> reached = new ArrayList<>();
            for (int t = 0; t < trials.size(); t++) {
                TrialResult result = results.get(trialKey(dataset, model, t, rung));
                if (result != null) {
                    reached.add(result);
                }
            }
            if (!reached.isEmpty()) {
                reached.sort(ranking());
                return Optional.of(reached.get(0));
            }
        }
        return Optional.empty();
    }

    private List<SearchTask> finals(String dataset, ModelKind model, TrialResult best, Set<String> existing) {
        Map<String, Object> config = trials.get(best.trial());
        List<SearchTask> runs = new ArrayList<>();
        for (long seed : spec.seeds()) {
            String key = String.join("/", "train", dataset, model.label(), "best", Long.toString(seed));
            if (!existing.contains(key)) {
                runs.add(new SearchTask(key, dataset, model, null, rungs.get(rungs.size() - 1), config,
                        structure(config), seed, null, dependencies(dataset, model)));
            }
        }
        return runs;
    }

    private boolean anyOpen(String dataset, ModelKind model, Set<String> open) {
        String prefix = groupPrefix(dataset, model);
        return open.stream().anyMatch(key -> key.startsWith(prefix));
    }

    private SearchTask trial(String dataset, ModelKind model, int t, int rung, String resumeFrom) {
        Map<String, Object> config = trials.get(t);
        return new SearchTask(trialKey(dataset, model, t, rung), dataset, model, t, rungs.get(rung), config,
                structure(config), spec.seeds().get(0), resumeFrom, dependencies(dataset, model));
    }

    @SuppressWarnings("unchecked")
    private List<Integer> structure(Map<String, Object> config) {
        Object chosen = config.get(Hyperparameter.STRUCTURE.label());
        return chosen != null ? (List<Integer>) chosen : spec.structures().get(0);
    }

    private static List<String> dependencies(String dataset, ModelKind model) {
        return model.needsFormula() ? List.of(discovery(dataset)) : List.of();
    }

    private static String discovery(String dataset) {
        return "discover/" + dataset;
    }

    /** The key of trial {@code t}'s task at rung {@code rung} (0-based). */
    public String trialKey(String dataset, ModelKind model, int t, int rung) {
        return groupPrefix(dataset, model) + String.format("%03d", t) + "/" + rungs.get(rung);
    }

    private static String groupPrefix(String dataset, ModelKind model) {
        return String.join("/", "trial", dataset, model.label(), "");
    }
}
