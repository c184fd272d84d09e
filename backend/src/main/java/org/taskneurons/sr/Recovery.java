package org.taskneurons.sr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The recovery rule for data whose truth is a known polynomial y = Σ_k c_k s_k + noise (the
 * paper's synthetic sets): a discovered formula passes when
 * <ul>
 *   <li>it reports no power outside the truth and no intercept (the truth has none), and</li>
 *   <li>every true term that the data identifies, |t| ≥ {@value #IDENTIFIED_T} when the true
 *       model is fitted by least squares (the oracle), is reported with a coefficient within
 *       max(5%, 3 standard errors) of the truth.</li>
 * </ul>
 * A true term with a smaller |t| cannot be told from noise by any method and is not required;
 * reporting it is allowed whatever its coefficient (it may stand in for a correlated one).
 *
 * <p>The oracle's t of term k is computed from the drop in fit: t² = (RSS without k − RSS) /
 * σ̂², σ̂² = RSS / (n − p), and its standard error is |ĉ_k| / |t|.
 */
public final class Recovery {
    /** |t| from which a true term counts as identified by the data. */
    public static final double IDENTIFIED_T = 4.0;

    private Recovery() {
    }

    /**
     * The verdict on one formula.
     *
     * @param passed  whether the rule holds
     * @param failure why not (empty when passed)
     */
    public record Verdict(boolean passed, String failure) {
    }

    /**
     * @param truth true coefficient by power k ≥ 1 (no intercept)
     */
    public static Verdict judge(SearchData data, Map<Integer, Double> truth, Formula formula) {
        if (formula.intercept() != 0.0) {
            return new Verdict(false, "reports an intercept " + formula.intercept());
        }
        Map<Integer, Double> reported = new TreeMap<>();
        for (Term term : formula.terms()) {
            int power = Formula.power(term.expr());
            if (power == 0 || !truth.containsKey(power)) {
                return new Verdict(false, "reports " + term + ", outside the truth");
            }
            reported.put(power, term.coef());
        }
        for (Map.Entry<Integer, Oracle> entry : oracle(data, truth).entrySet()) {
            int power = entry.getKey();
            Oracle oracle = entry.getValue();
            if (Math.abs(oracle.t()) < IDENTIFIED_T) {
                continue;
            }
            double c = truth.get(power);
            double tolerance = Math.max(0.05 * Math.abs(c), 3 * oracle.standardError());
            Double found = reported.get(power);
            if (found == null) {
                return new Verdict(false, "misses s" + power + " (oracle t = " + String.format("%.1f", oracle.t()) + ")");
            }
            if (Math.abs(found - c) > tolerance) {
                return new Verdict(false, "s" + power + " coefficient " + found + " is not within " + tolerance + " of " + c);
            }
        }
        return new Verdict(true, "");
    }

    /** The oracle's t and standard error of each true term. */
    record Oracle(double t, double standardError) {
    }

    static SortedMap<Integer, Oracle> oracle(SearchData data, Map<Integer, Double> truth) {
        List<Integer> powers = new ArrayList<>(new TreeMap<>(truth).keySet());
        int maxPower = powers.get(powers.size() - 1);
        double[][] sums = data.powerSums(maxPower);
        LeastSquares.Fit full = fit(sums, powers, -1, data.target());
        double variance = full.rss() / (data.rows() - powers.size());
        SortedMap<Integer, Oracle> out = new TreeMap<>();
        for (int a = 0; a < powers.size(); a++) {
            double drop = powers.size() == 1 ? sumOfSquares(data.target()) - full.rss()
                    : fit(sums, powers, a, data.target()).rss() - full.rss();
            double t = Math.copySign(Math.sqrt(Math.max(drop, 0.0) / variance), full.coefficients()[a]);
            out.put(powers.get(a), new Oracle(t, t == 0.0 ? Double.POSITIVE_INFINITY : Math.abs(full.coefficients()[a] / t)));
        }
        return out;
    }

    private static LeastSquares.Fit fit(double[][] sums, List<Integer> powers, int without, double[] y) {
        List<double[]> columns = new ArrayList<>();
        for (int a = 0; a < powers.size(); a++) {
            if (a != without) {
                columns.add(sums[powers.get(a)]);
            }
        }
        return LeastSquares.fromColumns(columns.toArray(double[][]::new), y);
    }

    private static double sumOfSquares(double[] y) {
        double s = 0;
        for (double v : y) {
            s += v * v;
        }
        return s;
    }
}
