package org.taskneurons.sr;

/** The arithmetic mean, one definition for the search, the criteria study and the benches. */
public final class Mean {
    private Mean() {
    }

    /** (1/n) Σ_i values_i; NaN for no values. */
    public static double of(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
