package org.taskneurons.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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

    private Map<PlannedTask, TrainingStep.Outcome> train(ExperimentSpec spec, List<PlannedTask> tasks,
            Map<String, Dataset> datasets, Map<String, DiscoveryStep.Outcome> discoveries, Map<String, String> unusable,
            Map<PlannedTask, String> failures) {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            Map<PlannedTask, Future<TrainingStep.Outcome>> running = new LinkedHashMap<>();
            for (PlannedTask task : tasks) {
                if (task.kind() == PlannedTask.Kind.TRAINING) {
                    String blocked = blocked(task, datasets, discoveries, unusable);
                    if (blocked != null) {
                        failures.put(task, blocked);
                        continue;
                    }
                    DiscoveryStep.Outcome discovery = discoveries.get(task.dataset());
                    Formula formula = discovery == null ? null : Formula.parse(discovery.formula());
                    ExperimentSpec.DatasetSpec source = source(spec, task.dataset());
                    running.put(task, pool.submit(() -> timed(task, () -> TrainingStep.run(spec, source,
                            datasets.get(task.dataset()), task.model(), task.structure(), task.seed(), formula,
                            EpochListener.NONE, cancelled, Training.device()))));
                }
            }
            Map<PlannedTask, TrainingStep.Outcome> outcomes = new LinkedHashMap<>();
            for (Map.Entry<PlannedTask, Future<TrainingStep.Outcome>> entry : running.entrySet()) {
                try {
                    outcomes.put(entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof CancellationException cancellation) {
                        throw cancellation;
                    }
                    failures.put(entry.getKey(), reason(e.getCause()));
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
