package org.taskneurons.nn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.Scaler;

/**
 * Trains K trials of one {@link Network} in one pass on the fused path: the K networks lie side
 * by side in one {@link FusedNetwork}, so that each step of a tiny network is K times the
 * arithmetic for the same overhead, and the loops over trials vectorize.
 *
 * <p>Each trial keeps everything a run of its own has: its seed (initial weights and row
 * order, drawn exactly as {@link Training} draws them), learning rate, weight decay and
 * optimizer state, its own training and validation rows (the split of its own seed, scaled by
 * its own scaler), its listener, early stopping, divergence and cancellation. A trial that
 * diverges, stops early or is cancelled stops; the others go on. Every trial's network and
 * summary are those its own run on the fused path gives, to the bit.
 *
 * <p>The trials share the network, the optimizer kind, the epochs and the batch size, and have
 * as many training rows, and as many validation rows, as one another.
 */
public final class BatchedTraining {
    private static final String MODEL_NAME = "network";

    private BatchedTraining() {
    }

    /**
     * One trial.
     *
     * @param train      its training rows, scaled with {@code scaler}
     * @param validation its validation rows, scaled the same way; may have no rows unless it stops early
     * @param cancelled  asked before every epoch; when it says true, the trial stops with a cancellation
     */
    public record Trial(TrainingSettings settings, Dataset train, Dataset validation, Scaler scaler,
                        EpochListener listener, BooleanSupplier cancelled) {
        public Trial {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(validation, "validation");
            Objects.requireNonNull(scaler, "scaler");
            Objects.requireNonNull(listener, "listener");
            Objects.requireNonNull(cancelled, "cancelled");
        }
    }

    /** What became of a trial: its trained network, or the cancellation that stopped it. */
    public record TrialResult(TrainedNetwork network, CancellationException cancellation) {
        public TrialResult {
            if ((network == null) == (cancellation == null)) {
                throw new IllegalArgumentException("a trial result is a network or a cancellation, not both or neither");
            }
        }

        public boolean isCancelled() {
            return cancellation != null;
        }
    }

    /**
     * Trains every trial of {@code network}; the results are in the order of the trials. Close
     * the networks, or save them first.
     *
     * @throws IllegalArgumentException when the trials do not fit the network or one another
     */
    public static List<TrialResult> fit(Network network, List<Trial> trials) {
        check(network, trials);
        EngineThreads.applyDefault();
        long start = System.nanoTime();
        TrainingSettings first = trials.get(0).settings();
        int k = trials.size();
        int capacity = Math.min(first.batchSize(), trials.get(0).train().rows());
        List<Model> models = new ArrayList<>(k);
        try {
            List<Block> blocks = new ArrayList<>(k);
            SplittableRandom[] orders = new SplittableRandom[k];
            for (int t = 0; t < k; t++) {
                TrainingSettings settings = trials.get(t).settings();
                // The same streams, drawn in the same order, as Training.fit draws from the seed.
                SplittableRandom streams = new SplittableRandom(settings.seed());
                Model model = Model.newInstance(MODEL_NAME, Device.cpu());
                models.add(model);
                model.setBlock(network.newBlock(settings.initialization(), streams.nextLong()));
                orders[t] = streams.split();
                Block block = model.getBlock();
                block.initialize(model.getNDManager(), model.getDataType(), new Shape(capacity, network.inputs()));
                blocks.add(block);
            }
            FusedNetwork fused = FusedNetwork.stacked(network, blocks, capacity);
            FusedOptimizer optimizer = FusedOptimizer.of(trials.stream().map(Trial::settings).toList(),
                    fused.parameters().length / k);
            // Trials on the same rows share one copy: K copies would not stay in the cache.
            Map<Dataset, RowMajor> copies = new IdentityHashMap<>();
            BatchedPath path = new BatchedPath(fused, optimizer, first.batchSize(), network.inputs(),
                    trials.stream().map(trial -> copies.computeIfAbsent(trial.train(), RowMajor::of))
                            .toArray(RowMajor[]::new),
                    trials.stream().map(trial -> copies.computeIfAbsent(trial.validation(), RowMajor::of))
                            .toArray(RowMajor[]::new),
                    network.structure().output().isClassification());
            return new Run(trials, fused, path, orders, start).epochs(network, models);
        } catch (RuntimeException | Error failure) {
            models.forEach(Model::close);
            throw failure;
        }
    }

    private static void check(Network network, List<Trial> trials) {
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("no trials to train");
        }
        Trial first = trials.get(0);
        for (int t = 0; t < trials.size(); t++) {
            Trial trial = trials.get(t);
            String name = "trial " + t;
            if (trial.train().rows() == 0) {
                throw new IllegalArgumentException(name + ": train has no rows");
            }
            ModelManifest.checkData(name + " train", network, trial.train());
            if (trial.validation().rows() > 0) {
                ModelManifest.checkData(name + " validation", network, trial.validation());
            } else if (trial.settings().stopsEarly()) {
                throw new IllegalArgumentException(name + ": patience " + trial.settings().patience()
                        + " needs a validation part, but validation has no rows");
            }
            same(name, "training rows", trial.train().rows(), first.train().rows());
            same(name, "validation rows", trial.validation().rows(), first.validation().rows());
            same(name, "epochs", trial.settings().epochs(), first.settings().epochs());
            same(name, "batch size", trial.settings().batchSize(), first.settings().batchSize());
        }
    }

    private static void same(String trial, String what, int value, int first) {
        if (value != first) {
            throw new IllegalArgumentException(trial + " has " + value + " " + what + ", trial 0 " + first
                    + ": the trials of one batch must agree");
        }
    }

    /** The epochs of all trials in step, and each trial's bookkeeping. */
    private static final class Run {
        private final List<Trial> trials;
        private final FusedNetwork fused;
        private final BatchedPath path;
        private final SplittableRandom[] orders;
        private final long start;
        private final RunProgress[] progress;
        /** A finished trial's parameters, or its kept best while it runs. */
        private final double[][] kept;
        private final boolean[] running;
        private final CancellationException[] cancellations;

        Run(List<Trial> trials, FusedNetwork fused, BatchedPath path, SplittableRandom[] orders, long start) {
            this.trials = trials;
            this.fused = fused;
            this.path = path;
            this.orders = orders;
            this.start = start;
            int k = trials.size();
            progress = new RunProgress[k];
            kept = new double[k][];
            running = new boolean[k];
            cancellations = new CancellationException[k];
            for (int t = 0; t < k; t++) {
                progress[t] = new RunProgress(trials.get(t).settings(), trials.get(t).listener());
                running[t] = true;
            }
        }

        List<TrialResult> epochs(Network network, List<Model> models) {
            int k = trials.size();
            int rows = trials.get(0).train().rows();
            boolean validates = trials.get(0).validation().rows() > 0;
            int[][] rowOrders = new int[k][];
            int epochs = trials.get(0).settings().epochs();
            for (int epoch = 1; epoch <= epochs && anyRunning(epoch); epoch++) {
                for (int t = 0; t < k; t++) {
                    // A stopped trial's lane goes on computing on its last order; nothing reads it.
                    if (running[t] || rowOrders[t] == null) {
                        rowOrders[t] = Training.shuffledRows(rows, orders[t]);
                    }
                }
                double[] trainLosses = path.trainEpoch(rowOrders);
                double[][] scores = validates ? path.validate() : null;
                for (int t = 0; t < k; t++) {
                    if (running[t]) {
                        epochEnded(t, Training.report(epoch, trainLosses[t], scores != null ? scores[t] : null, start));
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<TrialResult> results = new ArrayList<>(k);
            for (int t = 0; t < k; t++) {
                if (running[t]) {
                    finish(t);
                }
                Model model = models.get(t);
                if (cancellations[t] != null) {
                    model.close();
                    results.add(new TrialResult(null, cancellations[t]));
                    continue;
                }
                FusedNetwork.write(kept[t], model.getBlock());
                Trial trial = trials.get(t);
                results.add(new TrialResult(new TrainedNetwork(model, ModelManifest.of(network, trial.train(),
                        trial.scaler()), progress[t].summary(Device.cpu().toString(), TrainingEngine.FUSED, seconds)),
                        null));
            }
            return results;
        }

        /** Stops the trials whose cancellation says so before {@code epoch}; whether any trial still runs. */
        private boolean anyRunning(int epoch) {
            boolean any = false;
            for (int t = 0; t < running.length; t++) {
                if (running[t] && trials.get(t).cancelled().getAsBoolean()) {
                    running[t] = false;
                    cancellations[t] = new CancellationException("training cancelled before epoch " + epoch);
                }
                any |= running[t];
            }
            return any;
        }

        private void epochEnded(int t, EpochReport report) {
            switch (progress[t].epochEnded(report)) {
                case KEEP -> kept[t] = fused.trialParameters(t);
                case STOP -> finish(t);
                case GO_ON -> { }
            }
        }

        private void finish(int t) {
            running[t] = false;
            if (!progress[t].restoresBest()) {
                kept[t] = fused.trialParameters(t);
            }
        }
    }
}
