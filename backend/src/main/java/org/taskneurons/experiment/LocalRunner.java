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
        Map<String, Dataset> datasets = load(spec);
        Map<String, DiscoveryStep.Outcome> discoveries = new LinkedHashMap<>();
        for (PlannedTask task : tasks) {
            if (task.kind() == PlannedTask.Kind.DISCOVERY) {
                discoveries.put(task.dataset(), timed(task, () -> DiscoveryStep.run(spec, datasets.get(task.dataset()),
                        SearchProgress.NONE, cancelled)));
            }
        }
        Map<PlannedTask, String> failures = new LinkedHashMap<>();
        Map<PlannedTask, TrainingStep.Outcome> trainings = train(spec, tasks, datasets, discoveries, failures);
        return Aggregation.report(spec, discoveries, trainings, failures);
    }

    private Map<String, Dataset> load(ExperimentSpec spec) {
        Map<String, Dataset> datasets = new LinkedHashMap<>();
        for (ExperimentSpec.DatasetSpec dataset : spec.datasets()) {
            try {
                datasets.put(dataset.name(), DatasetLoader.load(dataset, dataRoots));
            } catch (IOException e) {
                throw new UncheckedIOException("data set '" + dataset.name() + "': " + e.getMessage(), e);
            }
        }
        return datasets;
    }

    private Map<PlannedTask, TrainingStep.Outcome> train(ExperimentSpec spec, List<PlannedTask> tasks,
            Map<String, Dataset> datasets, Map<String, DiscoveryStep.Outcome> discoveries, Map<PlannedTask, String> failures) {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            Map<PlannedTask, Future<TrainingStep.Outcome>> running = new LinkedHashMap<>();
            for (PlannedTask task : tasks) {
                if (task.kind() == PlannedTask.Kind.TRAINING) {
                    Formula formula = Formula.parse(discoveries.get(task.dataset()).formula());
                    ExperimentSpec.DatasetSpec source = spec.datasets().stream()
                            .filter(dataset -> dataset.name().equals(task.dataset())).findFirst().orElseThrow();
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
                    failures.put(entry.getKey(), String.valueOf(e.getCause()));
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
