package org.taskneurons.data;

/**
 * An affine map of one column fitted on training values, and its inverse. A constant column
 * maps to 0 rather than NaN: it carries no information, and a NaN would poison every
 * formula evaluated on it.
 */
public sealed interface ColumnScale permits ColumnScale.Identity, ColumnScale.MinMax, ColumnScale.Standard {

    /** The scaled value of {@code x}. */
    double apply(double x);

    /** The original value whose scaled value is {@code y}; for a constant column, that constant. */
    double invert(double y);

    /** Leaves values as they are, e.g. class ids. */
    static ColumnScale identity() {
        return Identity.INSTANCE;
    }

    /** Leaves values as they are. */
    record Identity() implements ColumnScale {
        private static final Identity INSTANCE = new Identity();

        @Override
        public double apply(double x) {
            return x;
        }

        @Override
        public double invert(double y) {
            return y;
        }
    }

    /** {@code (x - min) / (max - min)}: the training values fall in [0, 1], other values may not. */
    record MinMax(double min, double max) implements ColumnScale {
        public MinMax {
            if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
                throw new IllegalArgumentException("min-max scale needs finite min <= max: [" + min + ", " + max + "]");
            }
        }

        static MinMax fit(double[] values) {
            requireValues(values);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double value : values) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            return new MinMax(min, max);
        }

        @Override
        public double apply(double x) {
            return max == min ? 0 : (x - min) / (max - min);
        }

        @Override
        public double invert(double y) {
            return min + y * (max - min);
        }
    }

    /** {@code (x - mean) / std} with the population standard deviation, as scikit-learn's StandardScaler. */
    record Standard(double mean, double std) implements ColumnScale {
        public Standard {
            if (!Double.isFinite(mean) || !Double.isFinite(std) || std < 0) {
                throw new IllegalArgumentException("standard scale needs a finite mean and std >= 0: mean "
                        + mean + ", std " + std);
            }
        }

        static Standard fit(double[] values) {
            MinMax range = MinMax.fit(values);
            double mean = 0;
            for (double value : values) {
                mean += value;
            }
            mean /= values.length;
            if (range.min() == range.max()) {
                // Rounding in the mean would otherwise leave a tiny std, and (x - mean) / std of order 1.
                return new Standard(range.min(), 0);
            }
            double squares = 0;
            for (double value : values) {
                squares += (value - mean) * (value - mean);
            }
            return new Standard(mean, Math.sqrt(squares / values.length));
        }

        @Override
        public double apply(double x) {
            return std == 0 ? 0 : (x - mean) / std;
        }

        @Override
        public double invert(double y) {
            return mean + y * std;
        }
    }

    private static void requireValues(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("cannot fit a scale on no values");
        }
    }
}
