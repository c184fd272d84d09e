package org.taskneurons.sr;

import org.taskneurons.choice.Choice;

/**
 * The rule that picks the reported formula from the Pareto front of error against number of
 * parameters.
 *
 * <p>The information criteria score a fit from its training error alone: a term that only fits
 * noise lowers the residual sum of squares by about one noise variance, which does not pay for
 * its penalty. Cross-validation scores a front point by its error on held-out rows instead, and
 * with the one-standard-error rule takes the point with the fewest constants whose error lies
 * within one standard error of the best: it asks whether the data can tell the point from the
 * best one at all, not only whether it fits better (see {@link Selection}).
 */
public enum Criterion implements Choice {
    /** Bayesian information criterion n·ln(RSS/n) + p·ln(n): consistent, the default. */
    BIC,
    /** Akaike information criterion n·ln(RSS/n) + 2p: keeps more terms. */
    AIC,
    /** k-fold cross-validated mean squared error with the one-standard-error rule. */
    CV;

    /** The criterion labelled {@code label} ({@code bic}, {@code aic} or {@code cv}), in any case. */
    public static Criterion of(String label) {
        return Choice.of(Criterion.class, label);
    }

    /** Whether the score comes from the training fit alone (no held-out rows). */
    public boolean isInformation() {
        return this != CV;
    }

    /**
     * Information score of a fit with {@code parameters} fitted constants; lower is better. For
     * {@link #CV} this is BIC's score, which orders fits of the same size like the training error
     * does; its front points are rescored on held-out rows when the formula is chosen.
     */
    public double score(int rows, double rss, int parameters) {
        double mse = Math.max(rss / rows, Double.MIN_NORMAL);
        double penalty = this == AIC ? 2.0 : Math.log(rows);
        return rows * Math.log(mse) + parameters * penalty;
    }
}
