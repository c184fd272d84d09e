package org.taskneurons.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.taskneurons.data.Dataset;
import org.taskneurons.nn.Comparison;
import org.taskneurons.nn.ComparisonRun;
import org.taskneurons.nn.EpochListener;
import org.taskneurons.nn.Training;
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
     * Seeds of one data set, model and structure trained as one batch: enough to fill the
     * vector units over the trial axis, few enough that a run of many seeds still spreads over
     * the threads.
     */
    static final int BUNDLE_SIZE = 32;

    private final int parallelism;
    private final Listener listener;
    private final BooleanSupplier cancelled;

    private LocalRunner(List<Path> dataRoots, int parallelism, Listener listener, BooleanSupplier cancelled) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        this.dataRoots = List.copyOf(dataRoots);
        this.parallelism = parallelism;
        this.listener = listener;
        this.cancelled = cancelled;
    }

    public static LocalRunner of(List<Path> dataRoots, int parallelism, Listener listener, BooleanSupplier cancelled) {
        return new LocalRunner(dataRoots, parallelism, listener, cancelled);
    }

    /** Told when a task starts and ends (from the thread that ran it). */
    public interface Listener {
        Listener NONE = new Listener() { };

        default void started(PlannedTask task) {
        }

        default void finished(PlannedTask task, double seconds) {
        }
    }

    /** Everything a run produced. */
    public record Report(String name, List<DatasetReport> datasets) {
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
        List<PlannedTask> tasks = TaskGraph.of(spec);
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
        Map<PlannedTask, TrainingStep.Outcome> trainings = train(spec, tasks, datasets, discoveries, unusable, failures);
        return Aggregation.report(spec, discoveries, trainings, failures);
    }

    private Dataset load(ExperimentSpec spec, String name) {
        ExperimentSpec.DatasetSpec dataset = source(spec, name);
        try {
            return DatasetLoader.load(dataset, dataRoots);
        } catch (IOException e) {
            throw new UncheckedIOException("data set '" + dataset.name() + "': " + e.getMessage(), e);
        }
    }

    private static ExperimentSpec.DatasetSpec source(ExperimentSpec spec, String name) {
        return spec.datasets().stream().filter(dataset -> dataset.name().equals(name)).findFirst().orElseThrow();
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
     * {@link #BUNDLE_SIZE} seeds ({@link TrainingStep#trainBundle}: side by side in one batched
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
                for (int from = 0; from < group.size(); from += BUNDLE_SIZE) {
                    List<PlannedTask> bundle = group.subList(from, Math.min(group.size(), from + BUNDLE_SIZE));
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
        List<TrainingStep.BundledResult> results = TrainingStep.trainBundle(spec, source(spec, first.dataset()),
                datasets.get(first.dataset()), first.model(), first.structure(), formula, bundle.stream()
                        .map(task -> new TrainingStep.BundledTask(task.seed(), EpochListener.NONE, cancelled)).toList(),
                Training.device());
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
