package org.taskneurons.sr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact path for libraries of terms that enter linearly: every subset of the library
 * {g_1..g_K} (with and without an intercept) is fitted by least squares on the features
 * F_k(i) = Σ_j g_k(x_ij); the best subset of each size and highest power is refitted, and the
 * {@link Selection} chooses among them. Exhaustive: every run on the same data and seed (which
 * only draws cross-validation folds) gives the same formula.
 */
final class SubsetSearch {
    /** 2^16 subsets of up to 16 terms is still well under a second. */
    static final int MAX_LIBRARY_SIZE = 16;

    private final SearchData data;
    private final List<Expr> library;
    private final Selection selection;
    private final long seed;

    private SubsetSearch(SearchData data, List<Expr> library, Selection selection, long seed) {
        this.data = data;
        this.library = library;
        this.selection = selection;
        this.seed = seed;
    }

    /** A search over the powers x^1..x^maxPower and the given univariate base functions. */
    static SubsetSearch of(SearchData data, int maxPower, List<Op> bases, Selection selection, long seed) {
        if (maxPower < 0) {
            throw new IllegalArgumentException("max power must not be negative: " + maxPower);
        }
        List<Expr> library = new ArrayList<>();
        for (int k = 1; k <= maxPower; k++) {
            library.add(k == 1 ? Expr.x() : Expr.power(Expr.x(), k));
        }
        for (Op base : bases) {
            if (base.arity() != 1 || base == Op.POW || base == Op.NEG) {
                throw new IllegalArgumentException("not a base function: " + base.symbol()
                        + " (use one of exp, log, sqrt, sin, cos, tanh, abs)");
            }
            library.add(Expr.unary(base, Expr.x()));
        }
        if (library.isEmpty()) {
            throw new IllegalArgumentException("empty term library: give a max power of at least 1 or some base functions");
        }
        if (library.size() > MAX_LIBRARY_SIZE) {
            throw new IllegalArgumentException("term library has " + library.size() + " terms; best-subset search is exhaustive"
                    + " and takes at most " + MAX_LIBRARY_SIZE + " (lower the max power or drop base functions)");
        }
        return new SubsetSearch(data, List.copyOf(library), selection, seed);
    }

    SearchOutcome run() {
        Evaluator evaluator = new Evaluator();
        List<double[]> features = new ArrayList<>();
        List<Expr> terms = new ArrayList<>();
        for (Expr term : library) {
            double[] feature = data.termSums(term, evaluator);
            if (feature != null) {
                features.add(feature);
                terms.add(term);
            }
        }
        Moments moments = Moments.of(features, data.target());
        int[] degrees = terms.stream().mapToInt(Selection::degree).toArray();
        Map<List<Integer>, Candidate> bestByShape = new HashMap<>();
        int k = features.size();
        long evaluations = 0;
        for (int mask = 0; mask < (1 << k); mask++) {
            if (!selection.admits(Integer.bitCount(mask))) {
                continue;
            }
            for (boolean intercept : new boolean[] {true, false}) {
                if (mask == 0 && !intercept) {
                    continue;
                }
                Candidate candidate = moments.fit(mask, intercept);
                evaluations++;
                bestByShape.merge(List.of(candidate.parameters(), degree(mask, degrees)), candidate,
                        (a, b) -> a.rss() <= b.rss() ? a : b);
            }
        }
        List<FrontPoint> points = new ArrayList<>();
        for (Candidate candidate : bestByShape.values()) {
            points.add(refit(candidate, features, terms));
        }
        Selection.Choice choice = selection.choose(data, points, seed);
        FrontPoint chosen = choice.chosen();
        return new SearchOutcome(chosen.formula(), chosen.mse(), choice.front(), evaluations, evaluator.nodeRows());
    }

    private static int degree(int mask, int[] degrees) {
        int degree = 0;
        for (int t = 0; t < degrees.length; t++) {
            if ((mask >> t & 1) != 0) {
                degree = Math.max(degree, degrees[t]);
            }
        }
        return degree;
    }

    /** The exact least-squares fit of a chosen subset, by QR on the data itself. */
    private FrontPoint refit(Candidate candidate, List<double[]> features, List<Expr> terms) {
        List<double[]> columns = new ArrayList<>();
        List<Expr> chosen = new ArrayList<>();
        for (int t = 0; t < features.size(); t++) {
            if ((candidate.mask() >> t & 1) != 0) {
                columns.add(features.get(t));
                chosen.add(terms.get(t));
            }
        }
        return TermFit.fit(data, chosen, columns, candidate.intercept(), 0, selection.criterion());
    }

    private record Candidate(int mask, boolean intercept, int parameters, double rss) {
    }

    /**
     * Centered and uncentered Gram matrices of the features and the target, computed once:
     * fitting any subset is then a small Cholesky factorization. Subsets with an intercept use
     * the centered system, which is far better conditioned than one with a column of ones.
     */
    private static final class Moments {
        private final double[][] centered;
        private final double[] centeredRhs;
        private final double totalSumOfSquares;
        private final double[][] raw;
        private final double[] rawRhs;
        private final double targetSquares;

        private Moments(double[][] centered, double[] centeredRhs, double totalSumOfSquares, double[][] raw, double[] rawRhs,
                double targetSquares) {
            this.centered = centered;
            this.centeredRhs = centeredRhs;
            this.totalSumOfSquares = totalSumOfSquares;
            this.raw = raw;
            this.rawRhs = rawRhs;
            this.targetSquares = targetSquares;
        }

        static Moments of(List<double[]> features, double[] y) {
            int k = features.size();
            int n = y.length;
            double[] means = new double[k + 1];
            double[][] columns = new double[k + 1][];
            for (int a = 0; a < k; a++) {
                columns[a] = features.get(a);
            }
            columns[k] = y;
            for (int a = 0; a <= k; a++) {
                means[a] = Mean.of(columns[a]);
            }
            double[][] centered = new double[k + 1][k + 1];
            double[][] raw = new double[k + 1][k + 1];
            for (int a = 0; a <= k; a++) {
                for (int b = 0; b <= a; b++) {
                    double c = 0;
                    double r = 0;
                    for (int i = 0; i < n; i++) {
                        c += (columns[a][i] - means[a]) * (columns[b][i] - means[b]);
                        r += columns[a][i] * columns[b][i];
                    }
                    centered[a][b] = centered[b][a] = c;
                    raw[a][b] = raw[b][a] = r;
                }
            }
            return new Moments(centered, centered[k].clone(), centered[k][k], raw, raw[k].clone(), raw[k][k]);
        }

        Candidate fit(int mask, boolean intercept) {
            int[] index = members(mask);
            double[][] gram = intercept ? centered : raw;
            double[] rhs = intercept ? centeredRhs : rawRhs;
            double[][] sub = new double[index.length][index.length];
            double[] subRhs = new double[index.length];
            for (int a = 0; a < index.length; a++) {
                subRhs[a] = rhs[index[a]];
                for (int b = 0; b < index.length; b++) {
                    sub[a][b] = gram[index[a]][index[b]];
                }
            }
            LeastSquares.Fit fit = LeastSquares.fromGram(sub, subRhs, intercept ? totalSumOfSquares : targetSquares);
            return new Candidate(mask, intercept, fit.rank() + (intercept ? 1 : 0), fit.rss());
        }

        private static int[] members(int mask) {
            int[] index = new int[Integer.bitCount(mask)];
            int next = 0;
            for (int t = 0; mask >> t != 0; t++) {
                if ((mask >> t & 1) != 0) {
                    index[next++] = t;
                }
            }
            return index;
        }
    }
}
