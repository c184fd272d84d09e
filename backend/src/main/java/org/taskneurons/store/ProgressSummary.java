package org.taskneurons.store;

import java.util.List;

/**
 * The kept points of one curve of one task, oldest first.
 *
 * <p>Points are numbered in the order they arrive. The store keeps each point whose number
 * is a multiple of {@code stride}, plus always the latest point; when that would be more
 * than {@value #MAX_POINTS} points, the stride doubles and the points off the new stride are
 * dropped. So a curve holds at most {@value #MAX_POINTS} points, spread evenly over its
 * whole history (the first point is always there), and its newest value is current.
 *
 * @param stride every how many arrived points one is kept (a power of two)
 */
public record ProgressSummary(String taskId, String series, long stride, List<CurvePoint> points) {

    public static final int MAX_POINTS = 200;

    public ProgressSummary {
        Require.present("taskId", taskId);
        Require.present("series", series);
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be at least 1: " + stride);
        }
        points = List.copyOf(Require.present("points", points));
    }
}
