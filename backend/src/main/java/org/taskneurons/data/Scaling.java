package org.taskneurons.data;

import java.util.Locale;
import org.taskneurons.choice.Choice;

/** How to scale a column: not at all, to [0, 1] as in the paper, or to zero mean and unit variance. */
public enum Scaling implements Choice {
    NONE,
    MIN_MAX,
    STANDARD;

    /** {@code none}, {@code minmax} or {@code standard}. */
    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace("_", "");
    }

    /** A scaling by label, with or without a separator: minmax, min-max and min_max are one. */
    public static Scaling of(String label) {
        return Choice.of(Scaling.class, label);
    }

    /** The scale of this kind fitted on {@code values}. */
    public ColumnScale fit(double[] values) {
        return switch (this) {
            case NONE -> ColumnScale.identity();
            case MIN_MAX -> ColumnScale.MinMax.fit(values);
            case STANDARD -> ColumnScale.Standard.fit(values);
        };
    }
}
