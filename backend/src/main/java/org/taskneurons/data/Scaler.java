package org.taskneurons.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scales of a data set's feature columns and target, fitted on the training part only, so
 * that nothing about the test rows leaks into training; test values may therefore fall
 * outside [0, 1]. The fitted parameters are public record components so that they can be
 * saved with a model and predictions reported in the target's original units.
 *
 * @param features one scale per feature column
 * @param target   the target's scale; the identity for class ids
 */
public record Scaler(List<ColumnScale> features, ColumnScale target) {

    public Scaler {
        features = List.copyOf(features);
        Objects.requireNonNull(target, "target");
    }

    /** Features and, for regression, the target scaled the same way, as in the paper (min-max for both). */
    public static Scaler fit(Dataset train, Scaling scaling) {
        return fit(train, scaling, train.isClassification() ? Scaling.NONE : scaling);
    }

    /** Features and target scaled each their own way; class ids cannot be scaled. */
    public static Scaler fit(Dataset train, Scaling featureScaling, Scaling targetScaling) {
        if (train.isClassification() && targetScaling != Scaling.NONE) {
            throw new IllegalArgumentException("class ids of '" + train.name() + "' cannot be scaled: " + targetScaling);
        }
        if (train.rows() == 0) {
            throw DataException.of(train.name(), "cannot fit a scaler on no rows");
        }
        List<ColumnScale> scales = new ArrayList<>(train.featureCount());
        for (int c = 0; c < train.featureCount(); c++) {
            scales.add(featureScaling.fit(train.column(c)));
        }
        return new Scaler(scales, targetScaling.fit(train.target()));
    }

    /** {@code data} with every feature and the target scaled; its shape must match the data this was fitted on. */
    public Dataset apply(Dataset data) {
        if (data.featureCount() != features.size()) {
            throw DataException.of(data.name(), "the scaler was fitted on " + features.size()
                    + " features, the data set has " + data.featureCount());
        }
        double[][] columns = new double[features.size()][];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = map(features.get(c), data.column(c), false);
        }
        return data.withValues(columns, map(target, data.target(), false));
    }

    /** The scaled value of a target in original units. */
    public double applyTarget(double value) {
        return target.apply(value);
    }

    /** Targets (e.g. predictions) in scaled units back in the original units. */
    public double[] invertTarget(double[] scaled) {
        return map(target, scaled, true);
    }

    public double invertTarget(double scaled) {
        return target.invert(scaled);
    }

    private static double[] map(ColumnScale scale, double[] values, boolean inverse) {
        double[] mapped = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            mapped[i] = inverse ? scale.invert(values[i]) : scale.apply(values[i]);
        }
        return mapped;
    }
}
