package org.taskneurons.data;

import java.util.Locale;

/** How to scale a column: not at all, to [0, 1] as in the paper, or to zero mean and unit variance. */
public enum Scaling {
    NONE,
    MIN_MAX,
    STANDARD;

    /** A scaling by name, with or without a separator: minmax, min-max and min_max are one. */
    public static Scaling named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (Scaling scaling : values()) {
            if (scaling.name().toLowerCase(Locale.ROOT).replace("_", "").equals(key)) {
                return scaling;
            }
        }
        throw new IllegalArgumentException("unknown scaling '" + name + "' (expected none, minmax or standard)");
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
