package org.taskneurons.nn;

import ai.djl.Device;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.Scaler;

/**
 * Trains K trials of one {@link Network} in one pass on the fused path: the K networks lie side
 * by side in one {@link BatchedNetwork}, so that each step of a tiny network is K times the
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
        if (trials.size() == 1) {
            return List.of(alone(network, trials.get(0)));
        }
        EngineThreads.prepare();
        long start = System.nanoTime();
        TrainingSettings first = trials.get(0).settings();
        int k = trials.size();
        int capacity = Math.min(first.batchSize(), trials.get(0).train().rows());
        TrialModels models = TrialModels.of(network, trials, capacity, Device.cpu());
        try {
            BatchedNetwork fused = new BatchedNetwork(network, models.blocks(), capacity);
            BatchedOptimizer optimizer = new BatchedOptimizer(trials.stream().map(Trial::settings).toList(),
                    fused.parameters().length);
            // Trials on the same rows share one copy: K copies would not stay in the cache.
            Map<Dataset, RowMajor> copies = new IdentityHashMap<>();
            BatchedPath path = new BatchedPath(fused, optimizer, first.batchSize(), network.inputs(),
                    trials.stream().map(trial -> copies.computeIfAbsent(trial.train(), RowMajor::of))
                            .toArray(RowMajor[]::new),
                    trials.stream().map(trial -> copies.computeIfAbsent(trial.validation(), RowMajor::of))
                            .toArray(RowMajor[]::new),
                    network.structure().output().isClassification());
            double[][] kept = new double[k][];
            TrialEpochs epochs = new TrialEpochs(trials, new TrialLanes() {
                @Override
                public double[] trainEpoch(int[][] orders) {
                    return path.trainEpoch(orders);
                }

                @Override
                public double[][] validate() {
                    return path.validate();
                }

                @Override
                public void keep(boolean[] marked) {
                    for (int t = 0; t < k; t++) {
                        if (marked[t]) {
                            kept[t] = fused.trialParameters(t);
                        }
                    }
                }
            }, models.orders(), models.dead(), start);
            epochs.run();
            return epochs.results(network, models, t -> FusedNetwork.write(kept[t], models.blocks().get(t)), Device.cpu(),
                    TrainingEngine.FUSED);
        } catch (RuntimeException | Error failure) {
            models.close();
            throw failure;
        }
    }

    /**
     * One trial on the one-trial fused path: the same result (each lane of the batched path is
     * that path's arithmetic) without the batched path's per-row cost at K = 1.
     */
    private static TrialResult alone(Network network, Trial trial) {
        Training training = Training.builder().setSettings(trial.settings().withEngine(TrainingEngine.FUSED))
                .optListener(trial.listener()).optCancellation(trial.cancelled()).optDevice(ComputeDevice.cpu()).build();
        try {
            return new TrialResult(training.fit(network, trial.train(), trial.validation(), trial.scaler()), null);
        } catch (CancellationException cancelled) {
            return new TrialResult(null, cancelled);
        }
    }

    /**
     * Checks that the trials fit the network and can step together.
     *
     * @throws IllegalArgumentException naming the first trial that does not, and why
     */
    static void check(Network network, List<Trial> trials) {
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
}
