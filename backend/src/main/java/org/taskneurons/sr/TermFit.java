package org.taskneurons.sr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reported fit of a set of terms: outer coefficients by least squares (QR on the feature
 * columns themselves), with the intercept kept only when the criterion says it pays.
 */
final class TermFit {
    private TermFit() {
    }

    /**
     * The better of the fits with and without an intercept.
     *
     * @param terms          the terms' expressions g_t
     * @param features       F_t(i) = Σ_j g_t(x_ij), one column per term
     * @param innerConstants constants inside the terms, counted as parameters
     */
    static FrontPoint best(SearchData data, List<Expr> terms, List<double[]> features, int innerConstants, Criterion criterion) {
        FrontPoint with = fit(data, terms, features, true, innerConstants, criterion);
        if (terms.isEmpty()) {
            return with;
        }
        FrontPoint without = fit(data, terms, features, false, innerConstants, criterion);
        return without.score() < with.score() ? without : with;
    }

    static FrontPoint fit(SearchData data, List<Expr> terms, List<double[]> features, boolean intercept, int innerConstants,
            Criterion criterion) {
        List<double[]> columns = new ArrayList<>(features);
        if (intercept) {
            double[] ones = new double[data.rows()];
            Arrays.fill(ones, 1.0);
            columns.add(ones);
        }
        LeastSquares.Fit fit = LeastSquares.fromColumns(columns.toArray(double[][]::new), data.target());
        List<Term> formulaTerms = new ArrayList<>();
        for (int t = 0; t < terms.size(); t++) {
            if (fit.coefficients()[t] != 0.0) {
                formulaTerms.add(new Term(terms.get(t), fit.coefficients()[t]));
            }
        }
        double constant = intercept ? fit.coefficients()[columns.size() - 1] : 0.0;
        int parameters = fit.rank() + innerConstants;
        int rows = data.rows();
        return new FrontPoint(parameters, fit.rss() / rows, criterion.score(rows, fit.rss(), parameters),
                Formula.of(constant, formulaTerms));
    }
}
