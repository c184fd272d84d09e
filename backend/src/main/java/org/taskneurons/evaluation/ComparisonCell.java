package org.taskneurons.evaluation;

/**
 * One model's summary of one metric over its seeds.
 *
 * @param mean   the mean over the model's runs
 * @param std    the sample standard deviation (divisor n - 1, as the paper's "mean (std)" of 10
 *               runs is read); null with a single run
 * @param best   whether this mean is the best of the comparison by the metric's direction (ties
 *               all count as best)
 * @param pValue the two-sided paired Wilcoxon signed-rank p-value of the reference model against
 *               this one over the seeds both have; null for the reference itself and for a model
 *               sharing no seed with it
 */
public record ComparisonCell(double mean, Double std, boolean best, Double pValue) {

    public ComparisonCell {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite: " + mean);
        }
        if (std != null && !(std >= 0 && std < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("standard deviation must be finite and at least 0: " + std);
        }
        if (pValue != null && !(pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("p-value out of range [0, 1]: " + pValue);
        }
    }
}
