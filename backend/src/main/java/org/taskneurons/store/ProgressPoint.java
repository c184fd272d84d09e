package org.taskneurons.store;

/**
 * One point of a task's progress curve, as a worker reports it.
 *
 * @param series the curve, e.g. {@code train_loss} or {@code best_mse}
 * @param x      where along the run, e.g. the epoch or the generation
 * @param y      the value there; both must be finite, since the dashboard cannot draw NaN
 */
public record ProgressPoint(String taskId, String series, double x, double y) {

    public static final int MAX_SERIES_LENGTH = 100;

    public ProgressPoint {
        Require.text("taskId", taskId, 36);
        Require.text("series", series, MAX_SERIES_LENGTH);
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x must be finite: " + x);
        }
        if (!Double.isFinite(y)) {
            throw new IllegalArgumentException("y must be finite: " + y);
        }
    }
}
