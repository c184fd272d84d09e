package org.taskneurons.experiment;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.taskneurons.data.Dataset;
import org.taskneurons.nn.ComputeDevice;
import org.taskneurons.nn.EpochListener;
import org.taskneurons.nn.EpochReport;
import org.taskneurons.nn.HiddenActivation;
import org.taskneurons.nn.OptimizerKind;
import org.taskneurons.nn.TrainingSummary;
import org.taskneurons.sr.Formula;

/**
 * Runs one task of a search: the training of {@link TrainingStep} with the task's
 * configuration on top of the spec's training settings and the task's epochs. A trial's result
 * adds its {@link TrialResult} (the deciding metric on the validation rows, and the checkpoint a
 * promotion continues from); a final run's result is an ordinary training outcome, scored on
 * the test rows like any other.
 */
public final class SearchStep {
    private SearchStep() {
    }

    /**
     * Trains the task and returns its result JSON.
     *
     * @param resume the previous rung's result of a promoted trial; null to start at epoch 0
     */
    public static String run(ExperimentSpec spec, ExperimentSpec.DatasetSpec source, Dataset dataset, SearchTask task,
            TrialResult resume, Formula formula, EpochListener listener, BooleanSupplier cancelled, ComputeDevice device) {
        ExperimentSpec configured = configured(spec, task);
        ExperimentSpec.DatasetSpec configuredSource = configuredSource(source, task);
        try (TrainingStep.Trained trained = TrainingStep.train(configured, configuredSource, dataset, task.model(),
                task.structure(), task.seed(), formula, listener, cancelled, device,
                resume == null ? null : resume.checkpoint())) {
            if (!task.runsTrial()) {
                return ResultJson.write(trained.outcome());
            }
            SearchMetric metric = metric(spec.search(), dataset);
            TrainingSummary summary = trained.network().summary().orElseThrow();
            return ResultJson.writeTrial(trained.outcome(), new TrialResult(task.trial(), summary.last().epoch(),
                    metric.label(), bestSoFar(summary, metric, resume), summary.checkpoint()));
        }
    }

    /**
     * The best value the metric reached over the trial's epochs, its earlier rungs' included
     * (one epoch's validation metric is noisy; its best so far ranks trials more steadily);
     * NaN when the last epoch's is not finite, so a diverged trial is never promoted.
     */
    static double bestSoFar(TrainingSummary summary, SearchMetric metric, TrialResult resume) {
        double last = summary.last().validationMetric().orElseThrow(() -> new IllegalArgumentException(
                "a trial needs validation rows: set split.validation > 0"));
        if (!Double.isFinite(last)) {
            return Double.NaN;
        }
        boolean higherIsBetter = metric.isHigherBetter();
        double best = resume == null ? last : resume.value();
        for (EpochReport epoch : summary.epochs()) {
            double value = epoch.validationMetric().orElse(Double.NaN);
            if (Double.isFinite(value) && (higherIsBetter ? value > best : value < best)) {
                best = value;
            }
        }
        return best;
    }

    /** The deciding metric of a data set: the spec's, or val_mse for regression and val_accuracy for classification. */
    static SearchMetric metric(ExperimentSpec.SearchSpec search, Dataset dataset) {
        SearchMetric metric = search.metric() != null ? search.metric() : SearchMetric.of(dataset);
        if (metric != SearchMetric.of(dataset)) {
            throw new IllegalArgumentException("search.metric " + metric.label() + " does not fit a "
                    + (dataset.isClassification() ? "classification" : "regression") + " data set");
        }
        return metric;
    }

    /** The spec with the task's configuration as its training settings and the task's epochs. */
    @SuppressWarnings("unchecked")
    static ExperimentSpec configured(ExperimentSpec spec, SearchTask task) {
        ExperimentSpec.TrainingSpec training = spec.training();
        Map<String, Object> config = task.config();
        boolean rate = config.containsKey(Hyperparameter.LEARNING_RATE.label());
        ExperimentSpec.TrainingSpec tuned = new ExperimentSpec.TrainingSpec(
                config.containsKey(Hyperparameter.OPTIMIZER.label())
                        ? OptimizerKind.of((String) config.get(Hyperparameter.OPTIMIZER.label())) : training.optimizer(),
                rate ? ((Number) config.get(Hyperparameter.LEARNING_RATE.label())).doubleValue() : training.learningRate(),
                rate ? Map.of() : training.learningRates(),
                task.epochs(),
                (Integer) config.getOrDefault(Hyperparameter.BATCH_SIZE.label(), training.batchSize()),
                ((Number) config.getOrDefault(Hyperparameter.WEIGHT_DECAY.label(), training.weightDecay())).doubleValue(),
                training.patience(),
                config.containsKey(Hyperparameter.ACTIVATION.label())
                        ? HiddenActivation.of((String) config.get(Hyperparameter.ACTIVATION.label())) : training.activation(),
                training.scale(), training.matchParameters(),
                config.containsKey(Hyperparameter.STRUCTURE.label()) ? Map.of() : training.modelStructures(),
                training.engine());
        return new ExperimentSpec(spec.version(), spec.name(), spec.datasets(), spec.discovery(), spec.models(),
                List.of(task.structure()), tuned, spec.seeds(), spec.split(), spec.search());
    }

    private static ExperimentSpec.DatasetSpec configuredSource(ExperimentSpec.DatasetSpec source, SearchTask task) {
        Object batch = task.config().get(Hyperparameter.BATCH_SIZE.label());
        return new ExperimentSpec.DatasetSpec(source.name(), source.file(), source.synthetic(), source.dataSeed(),
                source.target(), source.drop(), source.categorical(), source.task(), source.header(), source.delimiter(),
                source.missing(), task.epochs(), batch != null ? (Integer) batch : source.batchSize());
    }
}
