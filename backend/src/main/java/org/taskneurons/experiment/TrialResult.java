package org.taskneurons.experiment;

import org.taskneurons.nn.TrainingCheckpoint;

/**
 * What a trial task adds to its training outcome: the deciding metric on the validation rows
 * after its epochs, and where its training stood, for a promotion to continue from.
 *
 * @param trial      the trial's number within its model and data set
 * @param epochs     epochs the network has trained in all (this rung's and the earlier ones)
 * @param metric     the label of a {@link SearchMetric}: val_mse or val_accuracy
 * @param value      the best the metric reached over its epochs (earlier rungs' included); NaN when
 *                   its last epoch's is not finite (training diverged)
 * @param checkpoint where its training stood, on the fused or the DJL path; null where it keeps none (a
 *                   result stored before DJL runs kept checkpoints): a promotion then trains from epoch 0
 */
public record TrialResult(int trial, int epochs, String metric, double value, TrainingCheckpoint checkpoint) {

    /** Whether this result is better than {@code other}'s (a finite value beats one that is not). */
    boolean beats(TrialResult other) {
        if (!Double.isFinite(other.value)) {
            return Double.isFinite(value);
        }
        if (!Double.isFinite(value)) {
            return false;
        }
        return SearchMetric.of(metric).isHigherBetter() ? value > other.value : value < other.value;
    }
}
