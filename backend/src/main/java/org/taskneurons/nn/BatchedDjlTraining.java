package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.taskneurons.nn.BatchedTraining.Trial;
import org.taskneurons.nn.BatchedTraining.TrialResult;

/**
 * Trains K trials of one {@link Network} in one pass through DJL, on the CPU or a GPU: the
 * trials' parameters are stacked along a leading trial axis ({@link StackedNetwork}), so that
 * every layer of every step is one batched product for all trials, and every trial's update is
 * part of one set of tensor ops ({@link StackedOptimizer}). This is the batched path for a GPU,
 * where one network of this size cannot keep the device busy, and for networks too large for
 * the fused path.
 *
 * <p>Each trial keeps what its own run on the DJL path has: its initial weights and row order
 * (drawn from its seed as {@link Training} draws them), its learning rate, weight decay,
 * momentum and optimizer state, its own rows, the zero-gradient rule of {@link TrainingPath},
 * its listener, early stopping, divergence and cancellation. A trial that diverges, stops early
 * or is cancelled stops; the others go on. Its results are those of its own run up to the
 * rounding of float32 sums taken in another order.
 *
 * <p>The trials share the network, the optimizer kind, the epochs and the batch size, and have
 * as many training rows, and as many validation rows, as one another.
 */
public final class BatchedDjlTraining {
    private BatchedDjlTraining() {
    }

    /**
     * Trains every trial of {@code network} on {@code device}; the results are in the order of
     * the trials, their networks on {@code device}. Close the networks, or save them first.
     *
     * @throws IllegalArgumentException when the trials do not fit the network or one another
     */
    public static List<TrialResult> fit(Network network, List<Trial> trials, ComputeDevice device) {
        BatchedTraining.check(network, trials);
        OptimizerKind kind = trials.get(0).settings().optimizer();
        for (int t = 1; t < trials.size(); t++) {
            if (trials.get(t).settings().optimizer() != kind) {
                throw new IllegalArgumentException("trial " + t + " trains with " + trials.get(t).settings().optimizer()
                        + ", trial 0 with " + kind + ": the trials of one batch must agree");
            }
        }
        EngineThreads.prepare();
        long start = System.nanoTime();
        TrainingSettings first = trials.get(0).settings();
        TrialModels models = TrialModels.of(network, trials, Math.min(first.batchSize(), trials.get(0).train().rows()),
                device.djl());
        try (NDManager run = NDManager.newBaseManager(device.djl())) {
            StackedNetwork stacked = new StackedNetwork(network, models.blocks(), run);
            StackedOptimizer optimizer = new StackedOptimizer(trials.stream().map(Trial::settings).toList(),
                    stacked.parameters(), run);
            TrialRows train = TrialRows.of(run, trials.stream().map(Trial::train).toList());
            NDList validation = trials.get(0).validation().rows() > 0
                    ? TrialRows.of(run, trials.stream().map(Trial::validation).toList()).gather(run, null)
                    : null;
            Lanes lanes = new Lanes(stacked, optimizer, first.batchSize(), train, validation, run);
            TrialEpochs epochs = new TrialEpochs(trials, lanes, models.orders(), models.dead(), start);
            epochs.run();
            return epochs.results(network, models, t -> lanes.writeKept(t, models.blocks().get(t)), device.djl(),
                    TrainingEngine.DJL);
        } catch (RuntimeException | Error failure) {
            models.close();
            throw failure;
        }
    }

    /** The epochs of the K lanes of a {@link StackedNetwork}: steps, validation and the kept parameters. */
    private static final class Lanes implements TrialLanes {
        private final StackedNetwork network;
        private final StackedOptimizer optimizer;
        private final int batchSize;
        private final TrialRows train;
        private final NDList validation;
        private final NDManager run;
        /** A trial's kept parameters (its best, or its last once stopped), stacked like the parameters. */
        private final List<NDArray> kept = new ArrayList<>();
        private final boolean[] gradientsSeen;
        private boolean allSeen;

        Lanes(StackedNetwork network, StackedOptimizer optimizer, int batchSize, TrialRows train, NDList validation,
              NDManager run) {
            this.network = network;
            this.optimizer = optimizer;
            this.batchSize = batchSize;
            this.train = train;
            this.validation = validation;
            this.run = run;
            this.gradientsSeen = new boolean[network.trials()];
            try (RecordingPause pause = new RecordingPause()) {
                for (NDArray parameter : network.parameters()) {
                    NDArray copy = parameter.duplicate();
                    copy.attach(run);
                    kept.add(copy);
                }
            }
        }

        @Override
        public double[] trainEpoch(int[][] orders) {
            int rows = train.rows();
            try (NDManager epoch = run.newSubManager()) {
                NDList data = train.gather(epoch, orders);
                NDArray lossSums = epoch.zeros(new Shape(network.trials()));
                for (int from = 0; from < rows; from += batchSize) {
                    int to = Math.min(rows, from + batchSize);
                    try (NDManager step = epoch.newSubManager()) {
                        network.parameters().forEach(parameter -> parameter.tempAttach(step));
                        NDIndex batch = new NDIndex().addAllDim().addSliceDim(from, to);
                        NDArray losses;
                        try (GradientTape tape = new GradientTape()) {
                            NDArray outputs = network.forward(owned(data.get(0).get(batch), step));
                            losses = network.losses(outputs, owned(data.get(1).get(batch), step));
                            tape.backward(losses.sum());
                        }
                        lossSums.addi(losses.mul(to - from));
                        optimizer.step(step, network.parameters(), takes());
                    }
                }
                float[] sums = lossSums.toFloatArray();
                double[] means = new double[sums.length];
                for (int k = 0; k < sums.length; k++) {
                    means[k] = (double) sums[k] / rows;
                }
                return means;
            }
        }

        /**
         * The trials that take this step under the zero-gradient rule (null: all): those that
         * have had a non-zero gradient element (NaN counts) in this step or before.
         */
        private boolean[] takes() {
            if (allSeen) {
                return null;
            }
            NDArray nonZero = null;
            for (NDArray parameter : network.parameters()) {
                NDArray count = parameter.getGradient().reshape(network.trials(), -1).countNonzero(1);
                nonZero = nonZero == null ? count : nonZero.add(count);
            }
            long[] counts = nonZero.toLongArray();
            allSeen = true;
            for (int k = 0; k < counts.length; k++) {
                gradientsSeen[k] |= counts[k] > 0;
                allSeen &= gradientsSeen[k];
            }
            return allSeen ? null : gradientsSeen.clone();
        }

        @Override
        public double[][] validate() {
            try (RecordingPause pause = new RecordingPause(); NDManager scratch = run.newSubManager()) {
                network.parameters().forEach(parameter -> parameter.tempAttach(scratch));
                validation.forEach(array -> array.tempAttach(scratch));
                NDArray outputs = network.forward(validation.get(0));
                float[] losses = network.losses(outputs, validation.get(1)).toFloatArray();
                long[] correct = network.isClassification() ? network.correct(outputs, validation.get(1)).toLongArray() : null;
                long rows = validation.get(0).getShape().get(1);
                double[][] scores = new double[losses.length][];
                for (int k = 0; k < losses.length; k++) {
                    scores[k] = new double[] {losses[k], network.isClassification() ? (double) correct[k] / rows : losses[k]};
                }
                return scores;
            }
        }

        @Override
        public void keep(boolean[] keep) {
            try (RecordingPause pause = new RecordingPause(); NDManager scratch = run.newSubManager()) {
                NDArray mask = scratch.create(keep);
                for (int p = 0; p < kept.size(); p++) {
                    NDArray parameter = network.parameters().get(p);
                    long[] shape = new long[parameter.getShape().dimension()];
                    Arrays.fill(shape, 1);
                    shape[0] = keep.length;
                    NDArray current = parameter.duplicate();
                    current.attach(scratch);
                    kept.get(p).set(new NDIndex("..."), NDArrays.where(mask.reshape(shape).broadcast(parameter.getShape()), current,
                            kept.get(p)));
                }
            }
        }

        /** Trial {@code trial}'s kept parameters written into its block. */
        void writeKept(int trial, Block block) {
            StackedNetwork.write(kept, trial, block);
        }

        private static NDArray owned(NDArray array, NDManager manager) {
            array.attach(manager);
            return array;
        }
    }
}
