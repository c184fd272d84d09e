package org.taskneurons.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.taskneurons.data.Dataset;
import org.taskneurons.evaluation.Comparison;
import org.taskneurons.evaluation.ComparisonRun;
import org.taskneurons.nn.ComputeDevice;
import org.taskneurons.nn.EpochListener;
import org.taskneurons.sr.Formula;
import org.taskneurons.sr.SearchProgress;

/**
 * Runs a spec to completion in this process, without a server: every discovery, then every
 * training (on {@code parallelism} threads; each task is deterministic on its own, so the
 * numbers do not depend on the order), then one comparison table per data set and structure.
 *
 * <p>A data set whose file cannot be read or whose discovery fails stops nothing else: its
 * discovery is reported failed with the reason, the trainings that wait for its formula (or its
 * data) fail with that reason, and the other data sets run on.
 */
public final class LocalRunner {
    private final List<Path> dataRoots;
    /**
     * The default of the most seeds of one data set, model and structure trained as one batch:
     * enough to fill the vector units over the trial axis, few enough that a run of many seeds
     * still spreads over the threads.
     */
    public static final int BUNDLE_SIZE = 32;
    /** The most seeds one bundle may take, as a worker slot's lease allows. */
    public static final int MAX_BUNDLE_SIZE = 1024;

    private final int parallelism;
    private final int bundleSize;
    private final Listener listener;
    private final BooleanSupplier cancelled;

    private LocalRunner(List<Path> dataRoots, int parallelism, int bundleSize, Listener listener,
            BooleanSupplier cancelled) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        if (bundleSize < 1 || bundleSize > MAX_BUNDLE_SIZE) {
            throw new IllegalArgumentException("bundle size must be in [1, " + MAX_BUNDLE_SIZE + "]: "
                    + bundleSize);
        }
        this.dataRoots = List.copyOf(dataRoots);
        this.parallelism = parallelism;
        this.bundleSize = bundleSize;
        this.listener = listener;
        this.cancelled = cancelled;
    }

    public static LocalRunner of(List<Path> dataRoots, int parallelism, Listener listener, BooleanSupplier cancelled) {
        return new LocalRunner(dataRoots, parallelism, BUNDLE_SIZE, listener, cancelled);
    }

    /** This runner with at most {@code size} seeds per bundle (1: every training on its own). */
    public LocalRunner withBundleSize(int size) {
        return new LocalRunner(dataRoots, parallelism, size, listener, cancelled);
    }

    /** Told when a task starts and ends (from the thread that ran it). */
    public interface Listener {
        Listener NONE = new Listener() { };

        default void started(PlannedTask task) {
        }

        default void finished(PlannedTask task, double seconds) {
        }
    }

    /**
     * Everything a run produced.
     *
     * @param search one entry per data set and model of a search (empty without one)
     */
    public record Report(String name, List<DatasetReport> datasets, List<SearchPlan.Summary> search) {
    }

    /**
     * One data set's results.
     *
     * @param excluded training runs left out of the tables because a metric was not finite
     *                 (a diverged network)
     * @param failures training tasks that failed, by key, with their error; the other tasks
     *                 still ran
     */
    public record DatasetReport(String dataset, DiscoveryStep.Outcome discovery, List<TrainingStep.Outcome> trainings,
            List<Table> tables, List<String> excluded, Map<String, String> failures) {
    }

    /** The comparison of the models for one structure: mean (std) over seeds, p-values against the reference. */
    public record Table(List<Integer> structure, Comparison comparison) {
    }

    public Report run(ExperimentSpec spec) {
        SpecValidation.requireValid(spec, dataRoots);
        List<PlannedTask> tasks = spec.search() == null ? TaskGraph.of(spec) : SearchPlan.of(spec).discoveries();
        Map<String, Dataset> datasets = new LinkedHashMap<>();
        Map<String, DiscoveryStep.Outcome> discoveries = new LinkedHashMap<>();
        Map<PlannedTask, String> failures = new LinkedHashMap<>();
        Map<String, String> unusable = new LinkedHashMap<>();
        for (PlannedTask task : tasks) {
            if (task.kind() == PlannedTask.Kind.DISCOVERY) {
                try {
                    Dataset data = load(spec, task.dataset());
                    datasets.put(task.dataset(), data);
                    discoveries.put(task.dataset(), timed(task, () -> DiscoveryStep.run(spec, data, SearchProgress.NONE,
                            cancelled)));
                } catch (CancellationException cancellation) {
                    throw cancellation;
                } catch (RuntimeException failure) {
                    failures.put(task, reason(failure));
                    unusable.put(task.dataset(), reason(failure));
                }
            }
        }
        if (spec.search() != null) {
            return search(spec, datasets, discoveries, unusable);
        }
        Map<PlannedTask, TrainingStep.Outcome> trainings = train(spec, tasks, datasets, discoveries, unusable, failures);
        return Aggregation.report(spec, discoveries, trainings, failures);
    }

    /**
     * A search in waves: every task the plan calls for runs, then their results are taken in
     * key order and the plan asked again, until it calls for nothing. Within a wave the order
     * of completion does not matter, so a local search decides as successive halving does
     * with every rung complete, whatever the parallelism. The tasks of a data set that could
     * not be used fail with its reason.
     */
    private Report search(ExperimentSpec spec, Map<String, Dataset> datasets,
            Map<String, DiscoveryStep.Outcome> discoveries, Map<String, String> unusable) {
        SearchPlan plan = SearchPlan.of(spec);
        Map<String, String> results = new LinkedHashMap<>();
        discoveries.forEach((dataset, outcome) -> results.put("discover/" + dataset, ResultJson.write(outcome)));
        Map<String, String> errors = new LinkedHashMap<>();
        unusable.forEach((dataset, reason) -> errors.put("discover/" + dataset, reason));
        Map<String, TrialResult> trials = new LinkedHashMap<>();
        Set<String> existing = new HashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<SearchTask> wave = plan.initial();
            while (!wave.isEmpty()) {
                Map<SearchTask, Future<String>> running = new LinkedHashMap<>();
                for (SearchTask task : wave) {
                    existing.add(task.key());
                    if (!discoveries.containsKey(task.dataset())) {
                        errors.put(task.key(), unusable.get(task.dataset()));
                        continue;
                    }
                    Formula formula = Formula.parse(discoveries.get(task.dataset()).formula());
                    ExperimentSpec.DatasetSpec source = spec.dataset(task.dataset());
                    TrialResult resume = task.resumeFrom() == null ? null : trials.get(task.resumeFrom());
                    PlannedTask planned = new PlannedTask(task.key(), PlannedTask.Kind.TRAINING, task.dataset(),
                            task.model(), task.structure(), task.seed(), task.dependsOn());
                    running.put(task, pool.submit(() -> timed(planned, () -> SearchStep.run(spec, source,
                            datasets.get(task.dataset()), task, resume, formula, EpochListener.NONE, cancelled,
                            ComputeDevice.preferred()))));
                }
                for (Map.Entry<SearchTask, Future<String>> entry : running.entrySet()) {
                    String key = entry.getKey().key();
                    outcome(key, entry.getValue(), errors).ifPresent(json -> {
                        results.put(key, json);
                        ResultJson.trial(json).ifPresent(trial -> trials.put(key, trial));
                    });
                }
                wave = plan.next(existing, Set.of(), trials);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } finally {
            pool.shutdownNow();
        }
        return Aggregation.ofResults(spec, results, errors);
    }

    /** A finished task's result, or its failure in {@code errors}; a cancellation ends the run. */
    private static Optional<String> outcome(String key, Future<String> result, Map<String, String> errors)
            throws InterruptedException {
        try {
            return Optional.of(result.get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException cancellation) {
                throw cancellation;
            }
            errors.put(key, reason(e.getCause()));
            return Optional.empty();
        }
    }

    private Dataset load(ExperimentSpec spec, String name) {
        ExperimentSpec.DatasetSpec dataset = spec.dataset(name);
        try {
            return DatasetLoader.load(dataset, dataRoots);
        } catch (IOException e) {
            throw new UncheckedIOException("data set '" + dataset.name() + "': " + e.getMessage(), e);
        }
    }

    /** A failure as the report shows it: its message, without the exception's class name. */
    private static String reason(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : "unexpected " + failure.getClass().getSimpleName();
    }

    /** Why {@code task} cannot start, or null: its data set could not be read, or it waits for a formula that failed. */
    private static String blocked(PlannedTask task, Map<String, Dataset> datasets,
            Map<String, DiscoveryStep.Outcome> discoveries, Map<String, String> unusable) {
        if (!datasets.containsKey(task.dataset())) {
            return "data set '" + task.dataset() + "' could not be read: " + unusable.get(task.dataset());
        }
        if (task.model().needsFormula() && !discoveries.containsKey(task.dataset())) {
            return "no formula: the discovery of '" + task.dataset() + "' failed: " + unusable.get(task.dataset());
        }
        return null;
    }

    /**
     * The training tasks, those of one data set, model and structure in bundles of up to
     * {@link #bundleSize} seeds ({@link TrainingStep#trainBundle}: side by side in one batched
     * training where the model allows, each task with its own outcome).
     */
    private Map<PlannedTask, TrainingStep.Outcome> train(ExperimentSpec spec, List<PlannedTask> tasks,
            Map<String, Dataset> datasets, Map<String, DiscoveryStep.Outcome> discoveries, Map<String, String> unusable,
            Map<PlannedTask, String> failures) {
        Map<List<Object>, List<PlannedTask>> groups = new LinkedHashMap<>();
        for (PlannedTask task : tasks) {
            if (task.kind() == PlannedTask.Kind.TRAINING) {
                String blocked = blocked(task, datasets, discoveries, unusable);
                if (blocked != null) {
                    failures.put(task, blocked);
                    continue;
                }
                groups.computeIfAbsent(List.of(task.dataset(), task.model(), task.structure()), key -> new ArrayList<>())
                        .add(task);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            Map<List<PlannedTask>, Future<List<TrainingStep.BundledResult>>> running = new LinkedHashMap<>();
            for (List<PlannedTask> group : groups.values()) {
                for (int from = 0; from < group.size(); from += bundleSize) {
                    List<PlannedTask> bundle = group.subList(from, Math.min(group.size(), from + bundleSize));
                    running.put(bundle, pool.submit(() -> bundle(spec, bundle, datasets, discoveries)));
                }
            }
            Map<PlannedTask, TrainingStep.Outcome> outcomes = new LinkedHashMap<>();
            for (Map.Entry<List<PlannedTask>, Future<List<TrainingStep.BundledResult>>> entry : running.entrySet()) {
                try {
                    List<TrainingStep.BundledResult> results = entry.getValue().get();
                    for (int i = 0; i < results.size(); i++) {
                        if (results.get(i).cancellation() != null) {
                            throw results.get(i).cancellation();
                        }
                        try (TrainingStep.Trained trained = results.get(i).trained()) {
                            outcomes.put(entry.getKey().get(i), trained.outcome());
                        }
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof CancellationException cancellation) {
                        throw cancellation;
                    }
                    entry.getKey().forEach(task -> failures.put(task, reason(e.getCause())));
                }
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Trains one bundle, each task started and finished for the listener with its share of the time. */
    private List<TrainingStep.BundledResult> bundle(ExperimentSpec spec, List<PlannedTask> bundle,
            Map<String, Dataset> datasets, Map<String, DiscoveryStep.Outcome> discoveries) {
        PlannedTask first = bundle.get(0);
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled before " + first.key());
        }
        DiscoveryStep.Outcome discovery = discoveries.get(first.dataset());
        Formula formula = discovery == null ? null : Formula.parse(discovery.formula());
        bundle.forEach(listener::started);
        long start = System.nanoTime();
        List<TrainingStep.BundledResult> results = TrainingStep.trainBundle(spec, spec.dataset(first.dataset()),
                datasets.get(first.dataset()), first.model(), first.structure(), formula, bundle.stream()
                        .map(task -> new TrainingStep.BundledTask(task.seed(), EpochListener.NONE, cancelled)).toList(),
                ComputeDevice.preferred());
        double share = (System.nanoTime() - start) / 1e9 / bundle.size();
        bundle.forEach(task -> listener.finished(task, share));
        return results;
    }

    private <T> T timed(PlannedTask task, java.util.function.Supplier<T> work) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled before " + task.key());
        }
        listener.started(task);
        long start = System.nanoTime();
        T result = work.get();
        listener.finished(task, (System.nanoTime() - start) / 1e9);
        return result;
    }
}
