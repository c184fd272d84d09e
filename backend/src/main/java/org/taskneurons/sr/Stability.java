package org.taskneurons.sr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * How much a discovered formula depends on the particular rows: the same search on B bootstrap
 * resamples of the rows (n rows drawn with replacement, each resample from its own random stream
 * split from the seed). A formula that most resamples reproduce is a claim about the data; one
 * that few do is a claim about its noise.
 *
 * @param resamples      B
 * @param terms          every term some resample chose (the intercept as {@value #INTERCEPT}), by
 *                       descending inclusion frequency, then by the formula's term order
 * @param modal          the term set chosen most often, as text ({@code Σx^4 + Σx^2 + c})
 * @param modalFrequency the fraction of resamples that chose the modal term set
 * @param chosenFrequency the fraction of resamples that chose the term set of the formula
 *                        discovered on all rows
 */
public record Stability(int resamples, List<TermStability> terms, String modal, double modalFrequency,
        double chosenFrequency) {
    /** The name of the intercept among the terms. */
    public static final String INTERCEPT = "intercept";

    public Stability {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1: " + resamples);
        }
        terms = List.copyOf(terms);
    }

    /**
     * One term across the resamples.
     *
     * @param term      the term's expression as formula text ({@code x^4}), or {@value #INTERCEPT}
     * @param frequency the fraction of resamples whose formula holds it
     * @param low       2.5th percentile of its coefficient over the resamples that hold it
     * @param high      97.5th percentile of its coefficient over the resamples that hold it
     */
    public record TermStability(String term, double frequency, double low, double high) {
    }

    /**
     * Runs {@code search} on {@code resamples} bootstrap resamples of {@code data}.
     *
     * @param chosen the formula found on all rows
     * @throws CancellationException when {@code cancelled} turns true between resamples
     */
    static Stability of(SearchData data, Formula chosen, int resamples, long seed,
            java.util.function.Function<SearchData, Formula> search, BooleanSupplier cancelled) {
        List<Formula> formulas = new ArrayList<>();
        for (int b = 0; b < resamples; b++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("stability cancelled at resample " + (b + 1));
            }
            formulas.add(search.apply(resample(data, new SplittableRandom(mix(seed, b)))));
        }
        return summarize(formulas, chosen);
    }

    /** The report of formulas found on resamples. */
    static Stability summarize(List<Formula> formulas, Formula chosen) {
        Map<String, List<Double>> coefficients = new LinkedHashMap<>();
        Map<String, Integer> termSets = new LinkedHashMap<>();
        for (Formula formula : formulas) {
            for (Term term : formula.terms()) {
                coefficients.computeIfAbsent(Formula.exprText(term.expr()), k -> new ArrayList<>()).add(term.coef());
            }
            if (formula.intercept() != 0.0) {
                coefficients.computeIfAbsent(INTERCEPT, k -> new ArrayList<>()).add(formula.intercept());
            }
            termSets.merge(termSet(formula), 1, Integer::sum);
        }
        int b = formulas.size();
        List<TermStability> terms = new ArrayList<>();
        coefficients.forEach((term, values) -> {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            terms.add(new TermStability(term, (double) sorted.length / b, percentile(sorted, 0.025), percentile(sorted, 0.975)));
        });
        terms.sort(Comparator.comparingDouble(TermStability::frequency).reversed());
        String modal = termSets.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(entry -> -entry.getKey().length()))
                .orElseThrow().getKey();
        return new Stability(b, terms, modal, (double) termSets.get(modal) / b,
                (double) termSets.getOrDefault(termSet(chosen), 0) / b);
    }

    /** The terms of a formula without their coefficients, in its canonical order, e.g. {@code Σx^4 + Σx + c}. */
    static String termSet(Formula formula) {
        List<String> parts = new ArrayList<>();
        for (Term term : formula.terms()) {
            parts.add("Σ" + Formula.exprText(term.expr()));
        }
        if (formula.intercept() != 0.0) {
            parts.add("c");
        }
        return parts.isEmpty() ? "0" : String.join(" + ", parts);
    }

    /** Linear interpolation between order statistics (the common "type 7" estimator). */
    private static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static SearchData resample(SearchData data, SplittableRandom random) {
        int n = data.rows();
        int[] rows = new int[n];
        Arrays.setAll(rows, i -> random.nextInt(n));
        double[][] inputs = new double[data.inputCount()][n];
        double[] target = new double[n];
        for (int j = 0; j < inputs.length; j++) {
            double[] column = data.input(j);
            for (int i = 0; i < n; i++) {
                inputs[j][i] = column[rows[i]];
            }
        }
        for (int i = 0; i < n; i++) {
            target[i] = data.target()[rows[i]];
        }
        String[] names = new String[inputs.length];
        Arrays.setAll(names, data::inputName);
        return SearchData.of(inputs, target, names, data.targetName());
    }

    private static long mix(long seed, int resample) {
        return seed * 0x9E3779B97F4A7C15L + (resample + 1L) * 0xD1B54A32D192ED03L;
    }
}
