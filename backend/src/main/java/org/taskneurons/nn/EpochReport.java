package org.taskneurons.nn;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The outcome of one epoch, for progress reports.
 *
 * @param epoch            1-based
 * @param trainLoss        mean loss over the epoch's training rows (MSE or cross-entropy)
 * @param validationLoss   loss on the validation part after the epoch; empty without one
 * @param validationMetric MSE (regression) or accuracy (classification) on the validation part; empty without one
 * @param elapsedSeconds   wall-clock seconds since training started
 */
public record EpochReport(int epoch, double trainLoss, OptionalDouble validationLoss, OptionalDouble validationMetric,
                          double elapsedSeconds) {

    public EpochReport {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be at least 1: " + epoch);
        }
        Objects.requireNonNull(validationLoss, "validationLoss");
        Objects.requireNonNull(validationMetric, "validationMetric");
    }
}
