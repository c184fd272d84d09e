package org.taskneurons.nn;

import ai.djl.Device;
import ai.djl.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.IntConsumer;
import org.taskneurons.nn.BatchedTraining.Trial;
import org.taskneurons.nn.BatchedTraining.TrialResult;

/**
 * The epochs of K trials trained in step ({@link TrialLanes}), and each trial's bookkeeping, as
 * {@link Training} keeps it for a run of its own: its row order, reports and listener, early
 * stopping, divergence and cancellation. A trial that stops is no longer reported; its lane
 * goes on computing, and nothing reads it.
 */
final class TrialEpochs {
    private final List<Trial> trials;
    private final TrialLanes lanes;
    private final SplittableRandom[] orders;
    private final long start;
    private final RunProgress[] progress;
    private final boolean[] running;
    /** The trials whose current parameters are kept after this epoch. */
    private final boolean[] keep;
    private final CancellationException[] cancellations;

    /**
     * @param orders each trial's stream of row orders, drawn from its seed as {@link Training} draws it
     * @param dead   which trials start dead ({@link DeadStart})
     * @param start  when the trials' training started, {@link System#nanoTime()}
     */
    TrialEpochs(List<Trial> trials, TrialLanes lanes, SplittableRandom[] orders, boolean[] dead, long start) {
        this.trials = trials;
        this.lanes = lanes;
        this.orders = orders;
        this.start = start;
        int k = trials.size();
        progress = new RunProgress[k];
        running = new boolean[k];
        keep = new boolean[k];
        cancellations = new CancellationException[k];
        for (int t = 0; t < k; t++) {
            progress[t] = new RunProgress(trials.get(t).settings(), trials.get(t).listener());
            if (dead[t]) {
                progress[t].startedDead();
            }
            running[t] = true;
        }
    }

    /** Trains until every trial has stopped; afterwards every trial not cancelled has its parameters kept. */
    void run() {
        int k = trials.size();
        int rows = trials.get(0).train().rows();
        boolean validates = trials.get(0).validation().rows() > 0;
        int[][] rowOrders = new int[k][];
        int epochs = trials.get(0).settings().epochs();
        for (int epoch = 1; epoch <= epochs && anyRunning(epoch); epoch++) {
            for (int t = 0; t < k; t++) {
                if (running[t] || rowOrders[t] == null) {
                    rowOrders[t] = Training.shuffledRows(rows, orders[t]);
                }
            }
            double[] trainLosses = lanes.trainEpoch(rowOrders);
            double[][] scores = validates ? lanes.validate() : null;
            for (int t = 0; t < k; t++) {
                if (running[t]) {
                    epochEnded(t, Training.report(epoch, trainLosses[t], scores != null ? scores[t] : null, start));
                }
            }
            keepMarked();
        }
        for (int t = 0; t < k; t++) {
            if (running[t]) {
                finish(t);
            }
        }
        keepMarked();
    }

    /**
     * Every trial's result after {@link #run}, in the order of the trials: a cancelled trial's
     * cancellation (its model closed), or its model with its kept parameters, which
     * {@code write} puts into trial t's block, and its summary.
     */
    List<TrialResult> results(Network network, TrialModels models, IntConsumer write, Device device,
                              TrainingEngine engine) {
        double seconds = (System.nanoTime() - start) / 1e9;
        List<TrialResult> results = new ArrayList<>(trials.size());
        for (int t = 0; t < trials.size(); t++) {
            Model model = models.models().get(t);
            if (cancellations[t] != null) {
                model.close();
                results.add(new TrialResult(null, cancellations[t]));
                continue;
            }
            write.accept(t);
            Trial trial = trials.get(t);
            results.add(new TrialResult(new TrainedNetwork(model, ModelManifest.of(network, trial.train(), trial.scaler()),
                    progress[t].summary(device.toString(), engine, seconds)), null));
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
            case KEEP -> keep[t] = true;
            case STOP -> finish(t);
            case GO_ON -> { }
        }
    }

    private void finish(int t) {
        running[t] = false;
        keep[t] |= !progress[t].restoresBest();
    }

    private void keepMarked() {
        for (boolean marked : keep) {
            if (marked) {
                lanes.keep(keep);
                Arrays.fill(keep, false);
                return;
            }
        }
    }
}
