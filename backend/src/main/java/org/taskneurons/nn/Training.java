package org.taskneurons.nn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.Scaler;

/**
 * Trains a {@link Network} on data already scaled by the caller: mini-batch steps over the
 * training rows in a new seeded order every epoch, the mean squared error (regression) or the
 * softmax cross-entropy of the logits (classification), an optional validation part for
 * progress and early stopping.
 *
 * <p><b>Speed.</b> Each data part becomes one tensor per run; every epoch gathers the rows in
 * their shuffled order with one op and every step slices its batch, so the only per-step
 * traffic between Java and the engine is the ops of the step itself (forward, loss, backward,
 * one fused update per parameter) and one scalar loss.
 *
 * <p><b>Determinism.</b> The initial weights and the shuffles come from Java
 * {@link SplittableRandom}s seeded with the settings' seed; the engine's seed is set as well.
 * On a CPU the same seed gives the same parameters and losses, bit for bit, as long as the
 * engine's thread count is the same (one unless configured, see {@link EngineThreads}). GPU kernels may reduce in a
 * different order from run to run.
 *
 * <p><b>Concurrency.</b> Runs on different threads train at the same time: each records its
 * gradients on its own thread (see {@link GradientTape}) and owns its model and tensors.
 *
 * <p>The device is the first GPU where DJL finds one, else the CPU.
 */
public final class Training {
    private static final String MODEL_NAME = "network";

    private final TrainingSettings settings;
    private final EpochListener listener;
    private final BooleanSupplier cancelled;

    private Training(Builder builder) {
        this.settings = builder.settings;
        this.listener = builder.listener;
        this.cancelled = builder.cancelled;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The device training runs on: the first GPU where DJL finds one, else the CPU. */
    public static Device device() {
        return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** {@link #fit(Network, Dataset, Dataset, Scaler)} for data that was not scaled. */
    public TrainedNetwork fit(Network network, Dataset train, Dataset validation) {
        return fit(network, train, validation, ModelManifest.identityScaler(train.featureCount()));
    }

    /**
     * Trains {@code network} and returns it with what is needed to predict on new raw data.
     *
     * @param train      the training rows, already scaled with {@code scaler}
     * @param validation the validation rows, scaled the same way; may have no rows unless the
     *                   settings stop early
     * @param scaler     the scaler fitted on the raw training rows, saved with the model so
     *                   that raw data can be predicted
     * @throws IllegalArgumentException   when the data does not fit the network or the settings
     * @throws CancellationException      when the cancellation check says so before an epoch
     */
    public TrainedNetwork fit(Network network, Dataset train, Dataset validation, Scaler scaler) {
        ModelManifest manifest = ModelManifest.of(network, train, scaler);
        check(network, train, validation);
        EngineThreads.applyDefault();
        Device device = device();
        Engine.getInstance().setRandomSeed(Math.floorMod(settings.seed(), Integer.MAX_VALUE));
        // Independent streams for the initial weights and for the order of the rows.
        SplittableRandom streams = new SplittableRandom(settings.seed());
        Model model = Model.newInstance(MODEL_NAME, device);
        try {
            model.setBlock(network.newBlock(settings.initialization(), streams.nextLong()));
            return new TrainedNetwork(model, manifest, run(model, network, train, validation, device, streams.split()));
        } catch (RuntimeException | Error failure) {
            model.close();
            throw failure;
        }
    }

    private TrainingSummary run(Model model, Network network, Dataset train, Dataset validation, Device device,
                                SplittableRandom order) {
        long start = System.nanoTime();
        Loss loss = network.structure().output().isClassification() ? new CrossEntropyLoss() : new MeanSquaredErrorLoss();
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(new ParameterUpdate(settings.optimizer(), settings.learningRate(), settings.weightDecay(),
                        settings.momentum()))
                .optDevices(new Device[] {device});
        try (Trainer trainer = model.newTrainer(config);
             NDManager data = trainer.getManager().newSubManager()) {
            trainer.initialize(new Shape(Math.min(settings.batchSize(), train.rows()), network.inputs()));
            Epochs epochs = new Epochs(trainer, data, DatasetTensors.of(data, train),
                    validation.rows() > 0 ? DatasetTensors.of(data, validation) : null,
                    network.structure().output().isClassification(), order);
            return epochs.run(start, device);
        }
    }

    private void check(Network network, Dataset train, Dataset validation) {
        if (train.rows() == 0) {
            throw new IllegalArgumentException("train has no rows: " + train);
        }
        if (validation.rows() > 0) {
            ModelManifest.checkData("validation", network, validation);
        } else if (settings.stopsEarly()) {
            throw new IllegalArgumentException("patience " + settings.patience()
                    + " needs a validation part, but validation has no rows");
        }
    }

    /** The epochs of one run, with the state that outlives a step: the order stream and the best parameters. */
    private final class Epochs {
        private final Trainer trainer;
        private final NDManager data;
        private final DatasetTensors train;
        private final DatasetTensors validation;
        private final boolean classification;
        private final SplittableRandom order;
        private final List<Parameter> parameters;
        private List<NDArray> best = List.of();

        Epochs(Trainer trainer, NDManager data, DatasetTensors train, DatasetTensors validation, boolean classification,
               SplittableRandom order) {
            this.trainer = trainer;
            this.data = data;
            this.train = train;
            this.validation = validation;
            this.classification = classification;
            this.order = order;
            this.parameters = trainer.getModel().getBlock().getParameters().values();
        }

        TrainingSummary run(long start, Device device) {
            List<EpochReport> reports = new ArrayList<>();
            double bestLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            int sinceBest = 0;
            boolean stoppedEarly = false;
            boolean diverged = false;
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("training cancelled before epoch " + epoch);
                }
                double trainLoss = trainEpoch();
                double[] scores = validation != null ? validate() : null;
                EpochReport report = new EpochReport(epoch, trainLoss,
                        scores != null ? OptionalDouble.of(scores[0]) : OptionalDouble.empty(),
                        scores != null ? OptionalDouble.of(scores[1]) : OptionalDouble.empty(),
                        (System.nanoTime() - start) / 1e9);
                reports.add(report);
                listener.epochEnded(report);
                if (!Double.isFinite(trainLoss)) {
                    diverged = true;
                    break;
                }
                if (settings.stopsEarly()) {
                    if (scores[0] < bestLoss) {
                        bestLoss = scores[0];
                        bestEpoch = epoch;
                        sinceBest = 0;
                        keepBest();
                    } else if (++sinceBest >= settings.patience()) {
                        stoppedEarly = epoch < settings.epochs();
                        break;
                    }
                }
            }
            if (settings.stopsEarly() && !best.isEmpty()) {
                restoreBest();
            } else {
                bestEpoch = reports.size();
            }
            return new TrainingSummary(reports, bestEpoch, stoppedEarly, diverged, device.toString(),
                    (System.nanoTime() - start) / 1e9);
        }

        /** One pass over the training rows in a new order; the mean loss per row. */
        private double trainEpoch() {
            int rows = train.rows();
            try (NDManager epoch = data.newSubManager()) {
                NDArray index = epoch.create(shuffledRows(rows));
                NDArray x = train.features().get(index);
                NDArray y = train.targets().get(index);
                x.attach(epoch);
                y.attach(epoch);
                double lossSum = 0;
                for (int from = 0; from < rows; from += settings.batchSize()) {
                    int to = Math.min(rows, from + settings.batchSize());
                    lossSum += step(epoch, x, y, from, to) * (to - from);
                }
                return lossSum / rows;
            }
        }

        /** One optimizer step on rows [from, to) of the shuffled tensors; the batch's mean loss. */
        private double step(NDManager epoch, NDArray x, NDArray y, int from, int to) {
            try (NDManager step = epoch.newSubManager()) {
                NDIndex rows = new NDIndex().addSliceDim(from, to);
                NDArray batchX = x.get(rows);
                NDArray batchY = y.get(rows);
                batchX.attach(step);
                batchY.attach(step);
                double loss;
                try (GradientTape tape = new GradientTape()) {
                    NDArray prediction = trainer.forward(new NDList(batchX)).singletonOrThrow();
                    NDArray value = trainer.getLoss().evaluate(new NDList(batchY), new NDList(prediction));
                    tape.backward(value);
                    loss = value.getFloat();
                }
                update();
                return loss;
            }
        }

        /**
         * Applies the optimizer. DJL refuses the first step of a run whose gradients are all zero
         * (every unit of a network dead at its initial weights); such a step would leave the
         * parameters where they are, so it is skipped and training goes on.
         */
        private void update() {
            try {
                trainer.step();
            } catch (IllegalStateException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("Gradient values are all zeros")) {
                    throw e;
                }
            }
        }

        /** The validation loss and metric (MSE, or accuracy for classification) with the current parameters. */
        private double[] validate() {
            try (NDManager scratch = data.newSubManager()) {
                validation.features().tempAttach(scratch);
                validation.targets().tempAttach(scratch);
                NDArray prediction = trainer.evaluate(new NDList(validation.features())).singletonOrThrow();
                double loss = trainer.getLoss().evaluate(new NDList(validation.targets()), new NDList(prediction))
                        .getFloat();
                if (!classification) {
                    return new double[] {loss, loss};
                }
                long correct = prediction.argMax(1).eq(validation.targets().reshape(-1)).countNonzero().getLong();
                return new double[] {loss, (double) correct / validation.rows()};
            }
        }

        /** Row indices 0..rows-1 in a new order: a Fisher–Yates shuffle from the run's stream. */
        private long[] shuffledRows(int rows) {
            long[] indices = new long[rows];
            for (int i = 0; i < rows; i++) {
                indices[i] = i;
            }
            for (int i = rows - 1; i > 0; i--) {
                int j = order.nextInt(i + 1);
                long swap = indices[i];
                indices[i] = indices[j];
                indices[j] = swap;
            }
            return indices;
        }

        private void keepBest() {
            best.forEach(NDArray::close);
            List<NDArray> copies = new ArrayList<>(parameters.size());
            for (Parameter parameter : parameters) {
                NDArray copy = parameter.getArray().duplicate();
                copy.attach(data);
                copies.add(copy);
            }
            best = copies;
        }

        private void restoreBest() {
            for (int i = 0; i < parameters.size(); i++) {
                best.get(i).copyTo(parameters.get(i).getArray());
            }
        }
    }

    /** Builds a {@link Training}: {@code setX} for required values, {@code optX} for optional ones. */
    public static final class Builder {
        private TrainingSettings settings;
        private EpochListener listener = EpochListener.NONE;
        private BooleanSupplier cancelled = () -> false;

        private Builder() {
        }

        public Builder setSettings(TrainingSettings settings) {
            this.settings = settings;
            return this;
        }

        /** Told after every epoch; none unless set. */
        public Builder optListener(EpochListener listener) {
            this.listener = listener;
            return this;
        }

        /** Asked before every epoch; when it says true, training ends with a {@link CancellationException}. */
        public Builder optCancellation(BooleanSupplier cancelled) {
            this.cancelled = cancelled;
            return this;
        }

        public Training build() {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(cancelled, "cancelled");
            return new Training(this);
        }
    }
}
