package org.taskneurons.sr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the reported formula is chosen from a search's candidates.
 *
 * <ul>
 *   <li>Candidates with more than {@code maxTerms} Σ terms are never considered.</li>
 *   <li>BIC and AIC: the front point with the lowest score.</li>
 *   <li>CV: every front point's terms are refitted on k − 1 folds of the rows and scored on the
 *       held-out fold; the point with the fewest constants whose mean held-out error lies within
 *       one standard error (over the folds) of the best point's is chosen. The folds are drawn
 *       from the search seed, so a run is repeatable, and identical rows share a fold (a bootstrap
 *       resample repeats rows); constants inside nonlinear terms keep the values fitted on all
 *       rows.</li>
 *   <li>Tie-break (on by default): among candidates whose criterion values differ from the best
 *       by less than a stated tolerance, the one with the lowest highest power wins (then the
 *       fewest constants). The tolerance is {@value #INFORMATION_TOLERANCE} for BIC and AIC
 *       (differences below 2 are "not worth more than a bare mention", Kass and Raftery 1995)
 *       and one standard error for CV, the band the one-standard-error rule already treats as
 *       equal. The candidates are the Pareto front of error against both constants and highest
 *       power, which holds the ordinary front: it offers, for instance, Σx^4 beside a Σx^5 of
 *       the same size that fits almost as well.</li>
 * </ul>
 *
 * @param criterion the score
 * @param folds     k of k-fold cross-validation, in [2, 100]
 * @param maxTerms  most Σ terms of the reported formula, at least 1 ({@link #NO_TERM_LIMIT}: none)
 * @param tieBreak  whether lower powers win among near-equal candidates
 */
public record Selection(Criterion criterion, int folds, int maxTerms, boolean tieBreak) {
    public static final int DEFAULT_FOLDS = 5;
    public static final int NO_TERM_LIMIT = Integer.MAX_VALUE;
    /** Difference of BIC or AIC below which the tie-break treats two candidates as equal. */
    public static final double INFORMATION_TOLERANCE = 2.0;

    public Selection {
        java.util.Objects.requireNonNull(criterion, "criterion");
        if (folds < 2 || folds > 100) {
            throw new IllegalArgumentException("folds out of range [2, 100]: " + folds);
        }
        if (maxTerms < 1) {
            throw new IllegalArgumentException("max terms must be at least 1: " + maxTerms);
        }
    }

    /** The criterion with 5 folds, no term limit and no tie-break. */
    public static Selection of(Criterion criterion) {
        return new Selection(criterion, DEFAULT_FOLDS, NO_TERM_LIMIT, false);
    }

    /**
     * BIC with the tie-break, 5 folds, no term limit: the rule that passed the recovery rule on
     * the most noise draws of the paper's synthetic sets and never gave worse task-based
     * networks than BIC alone on the public sets (README, "Choosing the selection rule").
     */
    public static Selection defaults() {
        return of(Criterion.BIC).withTieBreak(true);
    }

    public Selection withCriterion(Criterion value) {
        return new Selection(value, folds, maxTerms, tieBreak);
    }

    public Selection withFolds(int value) {
        return new Selection(criterion, value, maxTerms, tieBreak);
    }

    public Selection withMaxTerms(int value) {
        return new Selection(criterion, folds, value, tieBreak);
    }

    public Selection withTieBreak(boolean value) {
        return new Selection(criterion, folds, maxTerms, value);
    }

    /** Whether a formula with this many Σ terms may be reported. */
    boolean admits(int terms) {
        return terms <= maxTerms;
    }

    /**
     * The reported front and the chosen point.
     *
     * @param front  the Pareto front of error against constants, by increasing constants; under
     *               CV each point's score is its mean held-out error
     * @param chosen the reported point; with the tie-break it may lie beside the front
     */
    record Choice(List<FrontPoint> front, FrontPoint chosen) {
    }

    /**
     * Chooses among candidate fits on all rows of {@code data}.
     *
     * @param candidates fits of term sets (their scores are this criterion's information score)
     * @param seed       draws the cross-validation folds
     */
    Choice choose(SearchData data, List<FrontPoint> candidates, long seed) {
        List<FrontPoint> admitted = candidates.stream().filter(point -> admits(point.formula().terms().size())).toList();
        if (admitted.isEmpty()) {
            throw new IllegalStateException("no candidate formula has at most " + maxTerms + " terms");
        }
        List<FrontPoint> front = FrontPoint.nonDominated(admitted);
        List<FrontPoint> pool = tieBreak ? FrontPoint.nonDominatedByDegree(admitted) : front;
        if (criterion.isInformation()) {
            FrontPoint best = pool.stream().min(Comparator.comparingDouble(FrontPoint::score)).orElseThrow();
            if (!tieBreak) {
                return new Choice(front, best);
            }
            return new Choice(front, lowestPower(pool, point -> point.score() < best.score() + INFORMATION_TOLERANCE));
        }
        CrossValidation validation = new CrossValidation(data, folds, seed);
        List<Scored> scored = pool.stream().map(point -> new Scored(point, validation.heldOutError(point.formula()))).toList();
        Scored best = scored.stream().min(Comparator.comparingDouble(s -> s.error().mean())).orElseThrow();
        double limit = best.error().mean() + best.error().standardError();
        List<FrontPoint> within = scored.stream().filter(s -> s.error().mean() <= limit).map(Scored::rescored).toList();
        FrontPoint chosen = tieBreak ? lowestPower(within, point -> true)
                : within.stream().min(Comparator.comparingInt(FrontPoint::parameters).thenComparingDouble(FrontPoint::score))
                        .orElseThrow();
        return new Choice(withScores(front, scored), chosen);
    }

    /** The front with each point's held-out error as its score (the pool holds every front point). */
    private static List<FrontPoint> withScores(List<FrontPoint> front, List<Scored> scored) {
        List<FrontPoint> out = new ArrayList<>();
        for (FrontPoint point : front) {
            out.add(scored.stream().filter(s -> s.point().equals(point)).findFirst().map(Scored::rescored).orElseThrow());
        }
        return out;
    }

    private static FrontPoint lowestPower(List<FrontPoint> pool, java.util.function.Predicate<FrontPoint> tied) {
        return pool.stream().filter(tied)
                .min(Comparator.comparingInt((FrontPoint point) -> degree(point.formula()))
                        .thenComparingInt(FrontPoint::parameters)
                        .thenComparingDouble(FrontPoint::score))
                .orElseThrow();
    }

    /** The highest power of x in a formula: k for x^k anywhere in a term, 1 for x alone, 0 for none. */
    static int degree(Formula formula) {
        int degree = 0;
        for (Term term : formula.terms()) {
            degree = Math.max(degree, degree(term.expr()));
        }
        return degree;
    }

    static int degree(Expr expr) {
        if (expr instanceof Expr.Var) {
            return 1;
        }
        if (expr instanceof Expr.Unary unary) {
            int inner = degree(unary.arg());
            return unary.op() == Op.POW ? inner * unary.exponent() : inner;
        }
        if (expr instanceof Expr.Binary binary) {
            int left = degree(binary.left());
            int right = degree(binary.right());
            return binary.op() == Op.MUL ? left + right : Math.max(left, right);
        }
        return 0;
    }

    private record Scored(FrontPoint point, CrossValidation.Error error) {
        FrontPoint rescored() {
            return new FrontPoint(point.parameters(), point.mse(), error.mean(), point.formula());
        }
    }

    /** k-fold cross-validation of a formula's terms (outer coefficients refitted per fold). */
    static final class CrossValidation {
        private final SearchData data;
        private final int folds;
        private final int[] foldOf;
        private final Evaluator evaluator = new Evaluator();

        CrossValidation(SearchData data, int folds, long seed) {
            if (data.rows() < 2 * folds) {
                throw new IllegalArgumentException("cross-validation with " + folds + " folds needs at least " + 2 * folds
                        + " rows: " + data.rows());
            }
            this.data = data;
            this.folds = folds;
            this.foldOf = assignFolds(data, folds, seed);
        }

        /** Mean held-out squared error over the folds and its standard error (sample std / √k). */
        record Error(double mean, double standardError) {
        }

        /**
         * Identical rows form one group and groups are dealt to the folds in turn, in an order
         * drawn from the seed (a hash of the row's values): a bootstrap resample repeats rows, and
         * a copy of a training row in the held-out fold would reward fitting noise.
         */
        private static int[] assignFolds(SearchData data, int folds, long seed) {
            int rows = data.rows();
            long[] keys = new long[rows];
            for (int i = 0; i < rows; i++) {
                long key = mix(seed, Double.doubleToLongBits(data.target()[i]));
                for (int j = 0; j < data.inputCount(); j++) {
                    key = mix(key, Double.doubleToLongBits(data.input(j)[i]));
                }
                keys[i] = key;
            }
            long[] distinct = java.util.Arrays.stream(keys).sorted().distinct().toArray();
            if (distinct.length < folds) {
                throw new IllegalArgumentException("cross-validation with " + folds + " folds needs at least " + folds
                        + " distinct rows: " + distinct.length);
            }
            int[] foldOf = new int[rows];
            for (int i = 0; i < rows; i++) {
                foldOf[i] = java.util.Arrays.binarySearch(distinct, keys[i]) % folds;
            }
            return foldOf;
        }

        private static long mix(long h, long value) {
            long z = (h ^ value) * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        Error heldOutError(Formula formula) {
            boolean intercept = formula.intercept() != 0.0;
            List<double[]> columns = new ArrayList<>();
            for (Term term : formula.terms()) {
                double[] column = data.termSums(term.expr(), evaluator);
                if (column == null) {
                    return new Error(Double.POSITIVE_INFINITY, 0.0);
                }
                columns.add(column);
            }
            double[] errors = new double[folds];
            for (int fold = 0; fold < folds; fold++) {
                errors[fold] = foldError(columns, intercept, fold);
            }
            double mean = 0;
            for (double e : errors) {
                mean += e;
            }
            mean /= folds;
            double squares = 0;
            for (double e : errors) {
                squares += (e - mean) * (e - mean);
            }
            return new Error(mean, Math.sqrt(squares / (folds - 1) / folds));
        }

        private double foldError(List<double[]> columns, boolean intercept, int fold) {
            double[] y = data.target();
            int train = 0;
            for (int f : foldOf) {
                train += f != fold ? 1 : 0;
            }
            int width = columns.size() + (intercept ? 1 : 0);
            double[][] trainColumns = new double[width][train];
            double[] trainTarget = new double[train];
            for (int i = 0, r = 0; i < y.length; i++) {
                if (foldOf[i] == fold) {
                    continue;
                }
                for (int c = 0; c < columns.size(); c++) {
                    trainColumns[c][r] = columns.get(c)[i];
                }
                if (intercept) {
                    trainColumns[width - 1][r] = 1.0;
                }
                trainTarget[r++] = y[i];
            }
            double[] coefficients = width == 0 ? new double[0] : LeastSquares.fromColumns(trainColumns, trainTarget).coefficients();
            double squares = 0;
            int held = 0;
            for (int i = 0; i < y.length; i++) {
                if (foldOf[i] != fold) {
                    continue;
                }
                double predicted = intercept ? coefficients[width - 1] : 0.0;
                for (int c = 0; c < columns.size(); c++) {
                    predicted += coefficients[c] * columns.get(c)[i];
                }
                double residual = y[i] - predicted;
                squares += residual * residual;
                held++;
            }
            return squares / held;
        }
    }
}
