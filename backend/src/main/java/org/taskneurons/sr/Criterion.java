package org.taskneurons.sr;

/**
 * The rule that picks the reported formula from the Pareto front of error against number of
 * parameters: the lowest information criterion. A term that only fits noise lowers the residual
 * sum of squares by about one noise variance, which does not pay for its penalty, so noise
 * terms are rejected while real ones (however small their coefficient) are kept.
 */
public enum Criterion {
    /** Bayesian information criterion n·ln(RSS/n) + p·ln(n): consistent, the default. */
    BIC,
    /** Akaike information criterion n·ln(RSS/n) + 2p: keeps more terms. */
    AIC;

    /** Score of a fit with {@code parameters} fitted constants; lower is better. */
    public double score(int rows, double rss, int parameters) {
        double mse = Math.max(rss / rows, Double.MIN_NORMAL);
        double penalty = this == BIC ? Math.log(rows) : 2.0;
        return rows * Math.log(mse) + parameters * penalty;
    }
}
