package org.taskneurons.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.taskneurons.nn.EpochReport;

/**
 * A training's whole learning curves as its result stores them: train and validation loss by
 * epoch, as {@code [epoch, value]} pairs, thinned evenly to at most {@value #MAX_POINTS}
 * points per series (the first and the last epoch always kept). Taken from the training's own
 * epoch reports, so what is stored does not depend on the live stream's rate limit.
 */
public final class LearningCurves {
    /** Most points a stored series keeps. */
    public static final int MAX_POINTS = 200;

    private LearningCurves() {
    }

    /** The series of a run's epoch reports: {@code train_loss}, and {@code val_loss} when it validated. */
    public static Map<String, List<double[]>> of(List<EpochReport> epochs) {
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        curves.put("train_loss", series(epochs, EpochReport::trainLoss));
        if (!epochs.isEmpty() && epochs.get(0).validationLoss().isPresent()) {
            curves.put("val_loss", series(epochs, report -> report.validationLoss().orElse(Double.NaN)));
        }
        return curves;
    }

    /** The indices kept of {@code size} points: all up to the limit, else evenly spread from first to last. */
    static int[] kept(int size) {
        int count = Math.min(size, MAX_POINTS);
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = count == size ? i : (int) Math.round((double) i * (size - 1) / (count - 1));
        }
        return indices;
    }

    private static List<double[]> series(List<EpochReport> epochs, Function<EpochReport, Double> value) {
        List<double[]> points = new ArrayList<>();
        for (int index : kept(epochs.size())) {
            EpochReport report = epochs.get(index);
            points.add(new double[] {report.epoch(), value.apply(report)});
        }
        return List.copyOf(points);
    }
}
