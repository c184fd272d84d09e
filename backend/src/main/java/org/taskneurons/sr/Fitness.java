package org.taskneurons.sr;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores a candidate g for y ≈ c0 + Σ_t c_t F_t: the program is split into its top-level
 * summands; polynomial summands contribute their monomials x^k (features: the precomputed
 * power sums s_k), every other summand is one feature F_t = Σ_j h_t(x_ij) evaluated in
 * batches; the outer coefficients are then fitted by least squares (linear scaling with one
 * coefficient per term). One instance per thread.
 */
final class Fitness {
    /** Mean squared error of an invalid candidate: worse than any real one. */
    static final double WORST = Double.POSITIVE_INFINITY;

    private final SearchData data;
    private final PowerMoments moments;
    private final Evaluator evaluator = new Evaluator();
    private final PolynomialExpander expander;
    private final int maxTerms;

    Fitness(SearchData data, PowerMoments moments, int maxTerms) {
        this.data = data;
        this.moments = moments;
        this.expander = new PolynomialExpander(moments.degree());
        this.maxTerms = maxTerms;
    }

    /** Training error and number of fitted constants of a candidate. */
    record Score(double mse, int parameters) {
        boolean isValid() {
            return mse < WORST;
        }
    }

    private long evaluations;

    long nodeRows() {
        return evaluator.nodeRows();
    }

    /** Candidates fitted so far by this instance. */
    long evaluations() {
        return evaluations;
    }

    double[] target() {
        return data.target();
    }

    Score score(Program program) {
        Model model = model(program);
        if (model == null) {
            return new Score(WORST, Integer.MAX_VALUE);
        }
        return new Score(model.rss() / data.rows(), model.parameters());
    }

    /**
     * The fitted model of a candidate, or null when some term is NaN or infinite on the data.
     */
    Model model(Program program) {
        evaluations++;
        Decomposition parts = decompose(program);
        if (parts == null) {
            return null;
        }
        int p = parts.width();
        double[][] gram = new double[p][p];
        double[] rhs = new double[p];
        for (int a = 0; a < p; a++) {
            rhs[a] = targetCovariance(parts, a);
            for (int b = 0; b <= a; b++) {
                gram[a][b] = gram[b][a] = covariance(parts, a, b);
            }
        }
        LeastSquares.Fit fit = LeastSquares.fromGram(gram, rhs, moments.totalSumOfSquares());
        if (!Double.isFinite(fit.rss())) {
            return null;
        }
        return new Model(parts, fit.coefficients(), fit.rss(), fit.rank() + 1 + parts.innerConstants());
    }

    /** The formula a fitted model stands for, with the terms' expressions and their features. */
    Candidate candidate(Program program) {
        Decomposition parts = decompose(program);
        if (parts == null) {
            return null;
        }
        List<Expr> terms = new ArrayList<>();
        List<double[]> features = new ArrayList<>();
        for (int k : parts.powers()) {
            terms.add(k == 1 ? Expr.x() : Expr.power(Expr.x(), k));
            features.add(moments.sum(k));
        }
        for (int f = 0; f < parts.freeNodes().size(); f++) {
            Expr term = program.toExpr(parts.freeNodes().get(f));
            // A summand such as cos(x − x) holds x yet is constant: the intercept covers it.
            if (Simplifier.hasX(Simplifier.simplify(term))) {
                terms.add(term);
                features.add(parts.freeFeatures().get(f));
            }
        }
        return new Candidate(terms, features, parts.innerConstants());
    }

    /** Terms of a candidate with their feature columns, ready for the reported fit. */
    record Candidate(List<Expr> terms, List<double[]> features, int innerConstants) {
    }

    /** Predictions ŷ_i of a fitted model (for fitting inner constants). */
    double[] predictions(Model model) {
        Decomposition parts = model.parts();
        double[] prediction = new double[data.rows()];
        java.util.Arrays.fill(prediction, moments.targetMean());
        for (int a = 0; a < parts.width(); a++) {
            double c = model.coefficients()[a];
            if (c == 0.0) {
                continue;
            }
            double[] column = column(parts, a);
            double mean = mean(parts, a);
            for (int i = 0; i < prediction.length; i++) {
                prediction[i] += c * (column[i] - mean);
            }
        }
        return prediction;
    }

    /** A fitted candidate: its parts, one coefficient per part, residual sum of squares. */
    record Model(Decomposition parts, double[] coefficients, double rss, int parameters) {
    }

    /**
     * The features of a candidate: the powers k of its polynomial summands and the non-polynomial
     * summands, evaluated.
     */
    record Decomposition(int[] powers, List<Integer> freeNodes, List<double[]> freeFeatures, List<Double> freeMeans,
            int innerConstants) {
        int width() {
            return powers.length + freeNodes.size();
        }
    }

    /**
     * A polynomial tree within the degree limit is expanded whole, so that terms cancelling
     * across summands (x² + x − x) vanish; one beyond the limit is invalid, like a tree beyond
     * the depth limit; any other tree is split into its summands.
     */
    private Decomposition decompose(Program program) {
        boolean[] present = new boolean[moments.degree() + 1];
        List<Integer> free = new ArrayList<>();
        if (!addMonomials(program, program.root(), present)) {
            if (program.isPolynomial()) {
                return null;
            }
            List<Integer> summands = new ArrayList<>();
            collectSummands(program, program.root(), summands);
            for (int node : summands) {
                if (!addMonomials(program, node, present)) {
                    free.add(node);
                }
            }
        }
        int[] powers = java.util.stream.IntStream.rangeClosed(1, moments.degree()).filter(k -> present[k]).toArray();
        if (powers.length + free.size() > maxTerms) {
            free = List.of(program.root());
            powers = new int[0];
        }
        return evaluateFree(program, powers, free);
    }

    private boolean addMonomials(Program program, int node, boolean[] present) {
        double[] coefficients = expander.expand(program, node);
        if (coefficients == null) {
            return false;
        }
        for (int k = 1; k <= expander.degree(program, node); k++) {
            present[k] |= coefficients[k] != 0.0;
        }
        return true;
    }

    private Decomposition evaluateFree(Program program, int[] powers, List<Integer> free) {
        List<double[]> features = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        int innerConstants = 0;
        for (int node : free) {
            double[] feature = new double[data.rows()];
            if (!evaluator.sumOverInputs(program, node, data.inputs(), feature)) {
                return null;
            }
            features.add(feature);
            means.add(Mean.of(feature));
            for (int i = program.start(node); i <= node; i++) {
                innerConstants += program.op(i) == Op.CONST ? 1 : 0;
            }
        }
        return new Decomposition(powers, free, features, means, innerConstants);
    }

    /** Top-level summands that hold x: the operands of +, − and neg at the root, recursively. */
    private static void collectSummands(Program program, int node, List<Integer> out) {
        Op op = program.op(node);
        if (op == Op.ADD || op == Op.SUB) {
            collectSummands(program, node - 1 - program.length(node - 1), out);
            collectSummands(program, node - 1, out);
        } else if (op == Op.NEG) {
            collectSummands(program, node - 1, out);
        } else if (containsVariable(program, node)) {
            out.add(node);
        }
    }

    private static boolean containsVariable(Program program, int node) {
        for (int i = program.start(node); i <= node; i++) {
            if (program.op(i) == Op.VAR) {
                return true;
            }
        }
        return false;
    }

    private double[] column(Decomposition parts, int a) {
        return a < parts.powers().length ? moments.sum(parts.powers()[a]) : parts.freeFeatures().get(a - parts.powers().length);
    }

    private double mean(Decomposition parts, int a) {
        return a < parts.powers().length ? moments.mean(parts.powers()[a]) : parts.freeMeans().get(a - parts.powers().length);
    }

    private double covariance(Decomposition parts, int a, int b) {
        int powers = parts.powers().length;
        if (a < powers && b < powers) {
            return moments.covariance(parts.powers()[a], parts.powers()[b]);
        }
        double[] u = column(parts, a);
        double[] v = column(parts, b);
        double mu = mean(parts, a);
        double c = 0;
        for (int i = 0; i < u.length; i++) {
            c += (u[i] - mu) * v[i];
        }
        return c;
    }

    private double targetCovariance(Decomposition parts, int a) {
        if (a < parts.powers().length) {
            return moments.targetCovariance(parts.powers()[a]);
        }
        double[] u = column(parts, a);
        double mu = mean(parts, a);
        double[] y = data.target();
        double c = 0;
        for (int i = 0; i < u.length; i++) {
            c += (u[i] - mu) * y[i];
        }
        return c;
    }
}
