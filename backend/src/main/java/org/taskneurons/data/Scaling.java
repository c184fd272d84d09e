package org.taskneurons.data;

/** How to scale a column: not at all, to [0, 1] as in the paper, or to zero mean and unit variance. */
public enum Scaling {
    NONE,
    MIN_MAX,
    STANDARD;

    /** The scale of this kind fitted on {@code values}. */
    public ColumnScale fit(double[] values) {
        return switch (this) {
            case NONE -> ColumnScale.identity();
            case MIN_MAX -> ColumnScale.MinMax.fit(values);
            case STANDARD -> ColumnScale.Standard.fit(values);
        };
    }
}
