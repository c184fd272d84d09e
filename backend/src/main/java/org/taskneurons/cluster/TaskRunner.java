package org.taskneurons.cluster;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.taskneurons.data.Dataset;
import org.taskneurons.experiment.DiscoveryStep;
import org.taskneurons.experiment.ExperimentSpec;
import org.taskneurons.experiment.ModelKind;
import org.taskneurons.experiment.ResultJson;
import org.taskneurons.experiment.SearchStep;
import org.taskneurons.experiment.SearchTask;
import org.taskneurons.experiment.SpecReader;
import org.taskneurons.experiment.TrainingStep;
import org.taskneurons.nn.ComputeDevice;
import org.taskneurons.nn.EpochListener;
import org.taskneurons.sr.Formula;

/**
 * Runs one leased task on the calling (engine) thread and returns its result JSON: a
 * discovery, a training, or a noop; or a bundle of trainings as one batched training. Stops
 * with a {@link CancellationException} when the cancellation check says so (every generation,
 * every epoch, every 50 ms of a noop).
 */
final class TaskRunner {
    private static final long NOOP_CHECK_MS = 50;

    private final DatasetCache datasets;
    private final WorkerMeters meters;

    TaskRunner(List<Path> dataRoots, WorkerMeters meters) {
        this.datasets = new DatasetCache(dataRoots, 8);
        this.meters = meters;
    }

    /** Runs the task; a training runs on {@code device}, the slot's GPU or the CPU. */
    String run(LeasedTask task, ComputeDevice device, BooleanSupplier cancelled, ProgressSender progress) throws InterruptedException {
        JsonObject input = new JsonObject(task.inputJson());
        try {
            return switch (TaskKind.of(task.kind())) {
                case NOOP -> noop(input.getLong("sleepMs", 0L), cancelled);
                case DISCOVER -> discover(input, cancelled, progress);
                case TRAIN -> train(input, task.formula(), device, cancelled, progress);
                case SEARCH -> search(input, task.formula(), device, cancelled, progress);
            };
        } finally {
            progress.flush();
        }
    }

    /**
     * Runs a bundle of trainings of one experiment, data set, model and structure that differ
     * in their seeds ({@link TaskInput#bundleKey}) as one batched training on {@code device}
     * ({@link TrainingStep#trainBundle}): the i-th task reports its epochs to the i-th sender,
     * stops on the i-th check alone, and ends as the i-th answer. A failure of the batched
     * training itself is thrown, for every task of the bundle.
     */
    List<Ended> runBundle(List<LeasedTask> tasks, ComputeDevice device, List<BooleanSupplier> cancelled,
            List<ProgressSender> progress) {
        LeasedTask first = tasks.get(0);
        JsonObject input = new JsonObject(first.inputJson());
        ExperimentSpec spec = spec(input);
        ExperimentSpec.DatasetSpec source = source(spec, input);
        JsonObject shared = input.getJsonObject("task");
        Dataset dataset = datasets.get(source);
        List<TrainingStep.BundledTask> bundled = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            JsonObject task = new JsonObject(tasks.get(i).inputJson()).getJsonObject("task");
            if (!TaskKind.TRAIN.is(tasks.get(i).kind()) || !first.experimentId().equals(tasks.get(i).experimentId())
                    || !TaskInput.bundleKey(task).equals(TaskInput.bundleKey(shared))) {
                throw new IllegalArgumentException("task '" + tasks.get(i).key() + "' cannot share a bundle with '"
                        + first.key() + "'");
            }
            bundled.add(new TrainingStep.BundledTask(task.getLong("seed"), epochs(spec, source, dataset, progress.get(i)),
                    cancelled.get(i)));
        }
        try {
            Formula formula = first.formula() == null ? null : Formula.parse(first.formula());
            return TrainingStep.trainBundle(spec, source, dataset, ModelKind.of(shared.getString("model")),
                    TaskInput.structure(shared), formula, bundled, device).stream().map(TaskRunner::ended).toList();
        } finally {
            progress.forEach(ProgressSender::flush);
        }
    }

    /** What became of one task of a bundle: its result JSON, or the cancellation that stopped it. */
    record Ended(String resultJson, CancellationException cancellation) {
    }

    private static Ended ended(TrainingStep.BundledResult result) {
        if (result.cancellation() != null) {
            return new Ended(null, result.cancellation());
        }
        try (TrainingStep.Trained trained = result.trained()) {
            return new Ended(ResultJson.write(trained.outcome()), null);
        }
    }

    private static String noop(long sleepMs, BooleanSupplier cancelled) throws InterruptedException {
        long end = System.nanoTime() + sleepMs * 1_000_000L;
        while (System.nanoTime() < end) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("noop cancelled");
            }
            Thread.sleep(Math.min(NOOP_CHECK_MS, Math.max(1, (end - System.nanoTime()) / 1_000_000L)));
        }
        return "{}";
    }

    private String discover(JsonObject input, BooleanSupplier cancelled, ProgressSender progress) {
        ExperimentSpec spec = spec(input);
        ExperimentSpec.DatasetSpec source = source(spec, input);
        long[] counted = {0};
        DiscoveryStep.Outcome outcome = DiscoveryStep.run(spec, datasets.get(source),
                (generation, generations, bestMse, evaluations) -> {
                    meters.evaluations(evaluations - counted[0]);
                    counted[0] = evaluations;
                    progress.point("best_mse", generation, bestMse);
                }, cancelled);
        meters.evaluations(outcome.evaluations() - counted[0]);
        return ResultJson.write(outcome);
    }

    private String train(JsonObject input, String formula, ComputeDevice device, BooleanSupplier cancelled,
            ProgressSender progress) {
        ExperimentSpec spec = spec(input);
        ExperimentSpec.DatasetSpec source = source(spec, input);
        JsonObject task = input.getJsonObject("task");
        ModelKind model = ModelKind.of(task.getString("model"));
        long seed = task.getLong("seed");
        Dataset dataset = datasets.get(source);
        TrainingStep.Outcome outcome = TrainingStep.run(spec, source, dataset, model, TaskInput.structure(task), seed,
                formula == null ? null : Formula.parse(formula), epochs(spec, source, dataset, progress), cancelled, device);
        return ResultJson.write(outcome);
    }

    /** A search's trial or final run, continuing from the checkpoint in its input when it has one. */
    private String search(JsonObject input, String formula, ComputeDevice device, BooleanSupplier cancelled,
            ProgressSender progress) {
        ExperimentSpec spec = spec(input);
        ExperimentSpec.DatasetSpec source = source(spec, input);
        SearchTask task = ResultJson.searchTask(input.getJsonObject("task").encode());
        JsonObject resume = input.getJsonObject("resume");
        Dataset dataset = datasets.get(source);
        return SearchStep.run(spec, source, dataset, task, resume == null ? null : ResultJson.trialResult(resume.encode()),
                formula == null ? null : Formula.parse(formula), epochs(spec, source, dataset, progress), cancelled, device);
    }

    /** Counts the steps and streams the curves of a training's epochs. */
    private EpochListener epochs(ExperimentSpec spec, ExperimentSpec.DatasetSpec source, Dataset dataset,
            ProgressSender progress) {
        long stepsPerEpoch = stepsPerEpoch(spec, source, dataset);
        String metric = dataset.isClassification() ? "val_accuracy" : "val_mse";
        return report -> {
            meters.trainingSteps(stepsPerEpoch);
            progress.point("train_loss", report.epoch(), report.trainLoss());
            report.validationLoss().ifPresent(loss -> progress.point("val_loss", report.epoch(), loss));
            report.validationMetric().ifPresent(value -> progress.point(metric, report.epoch(), value));
        };
    }

    private static ExperimentSpec spec(JsonObject input) {
        return SpecReader.parse(input.getJsonObject("spec").encode(), false);
    }

    private static ExperimentSpec.DatasetSpec source(ExperimentSpec spec, JsonObject input) {
        return spec.dataset(input.getJsonObject("task").getString("dataset"));
    }

    /** Mini-batches per epoch on the training part of the split, for the steps counter. */
    private static long stepsPerEpoch(ExperimentSpec spec, ExperimentSpec.DatasetSpec source, Dataset dataset) {
        double trainRows = dataset.rows() * (1 - spec.split().test()) * (1 - spec.split().validation());
        int batch = source.batchSize() != null ? source.batchSize() : spec.training().batchSize();
        return Math.max(1, (long) Math.ceil(trainRows / batch));
    }
}
