package org.taskneurons.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * One training run's epochs as they end, whatever path trains it (alone or as a trial of a
 * batched run): the reports and the listener, divergence, and early stopping on the validation
 * loss with the epoch whose parameters are kept.
 */
final class RunProgress {

    /** What the run does after an epoch. */
    enum Verdict {
        /** Goes on. */
        GO_ON,
        /** Keeps the current parameters as the best so far and goes on. */
        KEEP,
        /** Stops: the loss diverged or the validation loss has not improved for the patience. */
        STOP
    }

    private final TrainingSettings settings;
    private final EpochListener listener;
    private final List<EpochReport> reports = new ArrayList<>();
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int sinceBest;
    private boolean kept;
    private boolean stoppedEarly;
    private boolean diverged;
    private boolean dead;

    RunProgress(TrainingSettings settings, EpochListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /** Records the epoch, tells the listener, and says what the run does next. */
    Verdict epochEnded(EpochReport report) {
        reports.add(report);
        listener.epochEnded(report);
        if (!Double.isFinite(report.trainLoss())) {
            diverged = true;
            return Verdict.STOP;
        }
        if (!settings.stopsEarly()) {
            return Verdict.GO_ON;
        }
        double loss = report.validationLoss().orElseThrow();
        if (loss < bestLoss) {
            bestLoss = loss;
            bestEpoch = report.epoch();
            sinceBest = 0;
            kept = true;
            return Verdict.KEEP;
        }
        if (++sinceBest >= settings.patience()) {
            stoppedEarly = report.epoch() < settings.epochs();
            return Verdict.STOP;
        }
        return Verdict.GO_ON;
    }

    /** Marks the run as started dead ({@link DeadStart}): it trains on, and its summary says so. */
    void startedDead() {
        dead = true;
    }

    /** Whether the run ends with the parameters it kept rather than its last ones. */
    boolean restoresBest() {
        return settings.stopsEarly() && kept;
    }

    TrainingSummary summary(String device, TrainingEngine engine, double seconds) {
        return new TrainingSummary(reports, restoresBest() ? bestEpoch : reports.size(), stoppedEarly, diverged, dead, device,
                engine, seconds, null);
    }
}
