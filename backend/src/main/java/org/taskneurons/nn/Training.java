package org.taskneurons.nn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p><b>Two paths.</b> {@link TrainingSettings#engine()} chooses who computes the steps: DJL's
 * engine, or the fused path ({@link FusedNetwork}), plain Java over flat arrays, which is many
 * times faster for the small networks of the paper, where a DJL step is mostly per-op
 * overhead. {@link TrainingEngine#AUTO} takes the fused path on the CPU for networks whose
 * step is small enough ({@link TrainingEngine#fusedPays}) and DJL otherwise. Both start from
 * the same initial weights, visit the rows in the same order and follow PyTorch's update
 * rules; the fused path computes in double, DJL in float, so their results agree to rounding.
 *
 * <p><b>Determinism.</b> The initial weights and the shuffles come from Java
 * {@link SplittableRandom}s seeded with the settings' seed; the engine's seed is set as well.
 * On a CPU the same seed gives the same parameters and losses, bit for bit, on the fused path
 * always, on the DJL path as long as the engine's thread count is the same (one unless configured, see {@link EngineThreads}). GPU kernels may reduce in a
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
    private final Device device;
    private final TrainingCheckpoint resume;

    private Training(Builder builder) {
        this.settings = builder.settings;
        this.listener = builder.listener;
        this.cancelled = builder.cancelled;
        this.device = (builder.device != null ? builder.device : ComputeDevice.preferred()).djl();
        this.resume = builder.resume;
    }

    public static Builder builder() {
        return new Builder();
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
        EngineThreads.prepare();
        TrainingEngine engine = resume != null ? resume.engine()
                : settings.engine().resolve(network, settings.batchSize(), device);
        Engine.getInstance().setRandomSeed(Math.floorMod(settings.seed(), Integer.MAX_VALUE));
        // Independent streams for the initial weights and for the order of the rows.
        SplittableRandom streams = new SplittableRandom(settings.seed());
        Model model = Model.newInstance(MODEL_NAME, device);
        try {
            model.setBlock(network.newBlock(settings.initialization(), streams.nextLong()));
            SplittableRandom order = streams.split();
            TrainingSummary summary = engine == TrainingEngine.FUSED
                    ? runFused(model, network, train, validation, order)
                    : run(model, network, train, validation, device, order);
            return new TrainedNetwork(model, manifest, summary);
        } catch (RuntimeException | Error failure) {
            model.close();
            throw failure;
        }
    }

    private TrainingSummary run(Model model, Network network, Dataset train, Dataset validation, Device device,
                                SplittableRandom order) {
        long start = System.nanoTime();
        Loss loss = network.structure().output().isClassification() ? new CrossEntropyLoss() : new MeanSquaredErrorLoss();
        ParameterUpdate optimizer = new ParameterUpdate(settings.optimizer(), settings.learningRate(),
                settings.weightDecay(), settings.momentum());
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(optimizer)
                .optDevices(new Device[] {device});
        try (Trainer trainer = model.newTrainer(config);
             NDManager data = trainer.getManager().newSubManager()) {
            trainer.initialize(new Shape(Math.min(settings.batchSize(), train.rows()), network.inputs()));
            DjlPath path = new DjlPath(trainer, optimizer, data, DatasetTensors.of(data, train),
                    validation.rows() > 0 ? DatasetTensors.of(data, validation) : null,
                    network.structure().output().isClassification());
            return checkpointedEpochs(path, train.rows(), validation.rows() > 0, order, start, device,
                    TrainingEngine.DJL, DeadStart.of(network, model.getBlock(), train));
        }
    }

    /**
     * The fused path: the block is initialized as the trainer would initialize it (same seed,
     * same weights), trained by {@link FusedNetwork} on the CPU, and given the trained
     * parameters back.
     */
    private TrainingSummary runFused(Model model, Network network, Dataset train, Dataset validation,
                                     SplittableRandom order) {
        long start = System.nanoTime();
        int capacity = Math.min(settings.batchSize(), train.rows());
        Block block = model.getBlock();
        block.initialize(model.getNDManager(), model.getDataType(), new Shape(capacity, network.inputs()));
        boolean dead = DeadStart.of(network, block, train);
        FusedNetwork fused = FusedNetwork.of(network, block, capacity);
        FusedPath path = new FusedPath(fused, FusedOptimizer.of(settings, fused.parameters().length),
                settings.batchSize(), train, validation);
        TrainingSummary summary = checkpointedEpochs(path, train.rows(), validation.rows() > 0, order, start,
                Device.cpu(), TrainingEngine.FUSED, dead);
        fused.writeTo(block);
        return summary;
    }

    /**
     * The epochs of a run on {@code path}, from the checkpoint it continues where it continues
     * one, and where the run stands after its last epoch (none where it stopped early).
     */
    private TrainingSummary checkpointedEpochs(TrainingPath path, int trainRows, boolean validates,
                                               SplittableRandom order, long start, Device device,
                                               TrainingEngine engine, boolean dead) {
        int firstEpoch = 1;
        if (resume != null) {
            path.restore(resume);
            // The orders of the epochs already trained are drawn again, so the stream is where the run left it.
            for (int epoch = 1; epoch <= resume.epochs(); epoch++) {
                shuffledRows(trainRows, order);
            }
            firstEpoch = resume.epochs() + 1;
        }
        TrainingSummary summary = epochs(path, firstEpoch, trainRows, validates, order, start, device, engine, dead);
        if (summary.stoppedEarly() || summary.epochs().isEmpty()) {
            return summary;
        }
        // Without early stopping (a continued run has none, see check), the best epoch is the last.
        int last = summary.last().epoch();
        return new TrainingSummary(summary.epochs(), last, false, summary.diverged(), summary.dead(), summary.device(),
                summary.engine(), summary.seconds(), path.checkpoint(last));
    }

    private void check(Network network, Dataset train, Dataset validation) {
        if (train.rows() == 0) {
            throw new IllegalArgumentException("train has no rows: " + train);
        }
        if (resume != null && (resume.epochs() >= settings.epochs() || settings.stopsEarly())) {
            throw new IllegalArgumentException("a run of " + settings.epochs() + " epochs"
                    + (settings.stopsEarly() ? " with early stopping" : "") + " cannot continue from epoch "
                    + resume.epochs());
        }
        if (validation.rows() > 0) {
            ModelManifest.checkData("validation", network, validation);
        } else if (settings.stopsEarly()) {
            throw new IllegalArgumentException("patience " + settings.patience()
                    + " needs a validation part, but validation has no rows");
        }
    }

    /**
     * The epochs of one run on either path: reports, the listener, cancellation, divergence and
     * early stopping; {@code dead} says whether the network starts dead ({@link DeadStart}).
     */
    private TrainingSummary epochs(TrainingPath path, int firstEpoch, int trainRows, boolean validates,
                                   SplittableRandom order, long start, Device device, TrainingEngine engine,
                                   boolean dead) {
        RunProgress progress = new RunProgress(settings, listener);
        if (dead) {
            progress.startedDead();
        }
        for (int epoch = firstEpoch; epoch <= settings.epochs(); epoch++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("training cancelled before epoch " + epoch);
            }
            double trainLoss = path.trainEpoch(shuffledRows(trainRows, order));
            double[] scores = validates ? path.validate() : null;
            RunProgress.Verdict verdict = progress.epochEnded(report(epoch, trainLoss, scores, start));
            if (verdict == RunProgress.Verdict.KEEP) {
                path.keepBest();
            } else if (verdict == RunProgress.Verdict.STOP) {
                break;
            }
        }
        if (progress.restoresBest()) {
            path.restoreBest();
        }
        return progress.summary(device.toString(), engine, (System.nanoTime() - start) / 1e9);
    }

    /** The report of an epoch with its training loss and the validation loss and metric, if {@code scores} has them. */
    static EpochReport report(int epoch, double trainLoss, double[] scores, long start) {
        return new EpochReport(epoch, trainLoss,
                scores != null ? OptionalDouble.of(scores[0]) : OptionalDouble.empty(),
                scores != null ? OptionalDouble.of(scores[1]) : OptionalDouble.empty(),
                (System.nanoTime() - start) / 1e9);
    }

    /** Row indices 0..rows-1 in a new order: a Fisher–Yates shuffle from the run's stream. */
    static int[] shuffledRows(int rows, SplittableRandom order) {
        int[] indices = new int[rows];
        for (int i = 0; i < rows; i++) {
            indices[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
        }
        return indices;
    }

    /**
     * The DJL path. Each data part is one tensor per run; every epoch gathers the rows in their
     * shuffled order with one op and every step slices its batch, so the only per-step traffic
     * between Java and the engine is the ops of the step itself (forward, loss, backward, one
     * fused update per parameter) and one scalar loss.
     */
    private final class DjlPath implements TrainingPath {
        private final Trainer trainer;
        private final ParameterUpdate optimizer;
        private final NDManager data;
        private final DatasetTensors train;
        private final DatasetTensors validation;
        private final boolean classification;
        private final List<Parameter> parameters;
        private boolean gradientsSeen;
        private List<NDArray> best = List.of();

        DjlPath(Trainer trainer, ParameterUpdate optimizer, NDManager data, DatasetTensors train,
                DatasetTensors validation, boolean classification) {
            this.trainer = trainer;
            this.optimizer = optimizer;
            this.data = data;
            this.train = train;
            this.validation = validation;
            this.classification = classification;
            this.parameters = trainer.getModel().getBlock().getParameters().values();
        }

        @Override
        public double trainEpoch(int[] order) {
            int rows = train.rows();
            try (NDManager epoch = data.newSubManager()) {
                NDArray index = epoch.create(Arrays.stream(order).asLongStream().toArray());
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
         * Applies the optimizer to every parameter, unless this is a step of {@link TrainingPath}'s
         * zero-gradient rule. The update goes straight to the optimizer rather than through
         * {@code Trainer.step()}: DJL's trainer refuses a first step whose gradients sum to zero
         * in float, which also refuses gradients that cancel (the output biases of a softmax over
         * a dead hidden layer) and leaves them to pile up into the next step, so the fused path
         * and this one would part ways.
         */
        private void update() {
            if (!gradientsSeen) {
                gradientsSeen = anyGradient();
                if (!gradientsSeen) {
                    return;
                }
            }
            for (Parameter parameter : parameters) {
                if (parameter.requiresGradient()) {
                    NDArray weight = parameter.getArray();
                    try (NDArray gradient = weight.getGradient()) {
                        optimizer.update(parameter.getId(), weight, gradient);
                    }
                }
            }
        }

        /** Whether any element of any parameter's gradient is non-zero (NaN counts). */
        private boolean anyGradient() {
            try (NDManager scratch = data.newSubManager()) {
                for (Parameter parameter : parameters) {
                    if (parameter.requiresGradient()) {
                        NDArray gradient = parameter.getArray().getGradient();
                        gradient.attach(scratch);
                        if (gradient.countNonzero().getLong() > 0) {
                            return true;
                        }
                    }
                }
                return false;
            }
        }

        @Override
        public double[] validate() {
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

        @Override
        public void keepBest() {
            best.forEach(NDArray::close);
            List<NDArray> copies = new ArrayList<>(parameters.size());
            for (Parameter parameter : parameters) {
                NDArray copy = parameter.getArray().duplicate();
                copy.attach(data);
                copies.add(copy);
            }
            best = copies;
        }

        @Override
        public void restoreBest() {
            for (int i = 0; i < parameters.size(); i++) {
                ParameterWrite.copy(best.get(i), parameters.get(i).getArray());
            }
        }

        @Override
        public void restore(TrainingCheckpoint checkpoint) {
            long size = parameters.stream().mapToLong(parameter -> parameter.getArray().size()).sum();
            if (checkpoint.parameters().length != size) {
                throw new IllegalArgumentException("a checkpoint of " + checkpoint.parameters().length
                        + " parameters for a network of " + size);
            }
            Block block = trainer.getModel().getBlock();
            FusedNetwork.write(checkpoint.parameters(), block);
            optimizer.restore(checkpoint, block);
            gradientsSeen = checkpoint.gradientsSeen();
        }

        @Override
        public TrainingCheckpoint checkpoint(int epochs) {
            return optimizer.checkpoint(epochs, trainer.getModel().getBlock(), gradientsSeen);
        }
    }

    /** Builds a {@link Training}: {@code setX} for required values, {@code optX} for optional ones. */
    public static final class Builder {
        private TrainingSettings settings;
        private EpochListener listener = EpochListener.NONE;
        private BooleanSupplier cancelled = () -> false;
        private ComputeDevice device;
        private TrainingCheckpoint resume;

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

        /**
         * The device to train on (a worker's slot passes its own GPU, or the CPU); without it,
         * {@link ComputeDevice#preferred()}. The fused path runs on the CPU whatever this says.
         */
        public Builder optDevice(ComputeDevice device) {
            this.device = device;
            return this;
        }

        /**
         * Continues a run from its checkpoint instead of starting it, on the path that wrote the
         * checkpoint (fused or DJL, whatever the settings' engine would choose here): the settings
         * must be the run's own, with more epochs than the checkpoint has.
         */
        public Builder optResume(TrainingCheckpoint checkpoint) {
            this.resume = checkpoint;
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
