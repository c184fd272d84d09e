package org.taskneurons.sr;

import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.taskneurons.choice.Choice;

/**
 * Vectorized symbolic regression: finds y ≈ c0 + Σ_t c_t Σ_j g_t(x_j) on a data set.
 *
 * <p>Two methods share the formula model and the selection rule ({@link Selection}, on the Pareto
 * front of error against number of parameters): an exact best-subset search over a library of
 * terms that enter linearly (powers x^1..x^K and chosen base functions; the default, and
 * deterministic), and genetic programming for composed terms (any operator set).
 */
public final class Discovery {
    private final Settings settings;

    private Discovery(Settings settings) {
        this.settings = settings;
    }

    public static Discovery of(Settings settings) {
        return new Discovery(settings);
    }

    /** Which search runs. */
    public enum Method implements Choice {
        /** Subset search when the operators keep g polynomial, genetic programming otherwise. */
        AUTO,
        GP,
        SUBSET;

        /** The method labelled {@code label} ({@code auto}, {@code gp} or {@code subset}). */
        public static Method of(String label) {
            return Choice.of(Method.class, label);
        }
    }

    /**
     * What to search and how.
     *
     * @param method    the search
     * @param maxPower  highest power x^K in the subset library
     * @param bases     base functions added to the subset library (sin, cos, exp, log, ...)
     * @param gp        genetic-programming settings (its functions decide AUTO)
     * @param selection how the reported formula is chosen (criterion, folds, max terms, tie-break)
     * @param seed      master seed of genetic programming, the cross-validation folds and the
     *                  bootstrap resamples
     * @param threads   worker threads of genetic programming
     * @param stability bootstrap resamples of the stability report (0: no report)
     */
    public record Settings(Method method, int maxPower, Set<Op> bases, GpConfig gp, Selection selection, long seed,
            int threads, int stability) {
        /** Bootstrap resamples of the stability report that {@code discover} and specs ask for by default. */
        public static final int DEFAULT_STABILITY = 20;

        public Settings {
            bases = Set.copyOf(bases);
            java.util.Objects.requireNonNull(selection, "selection");
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + threads);
            }
            if (stability < 0 || stability > 10_000) {
                throw new IllegalArgumentException("stability resamples out of range [0, 10000]: " + stability);
            }
        }

        /**
         * Subset search over x^1..x^6, the paper's GP preset for GP, {@link Selection#defaults()}
         * (BIC with the tie-break), seed 0, all cores, no stability report (it costs one search per
         * resample).
         */
        public static Settings defaults() {
            return new Settings(Method.AUTO, 6, Set.of(), GpConfig.paper(), Selection.defaults(), 0L,
                    Runtime.getRuntime().availableProcessors(), 0);
        }

        public Settings withMethod(Method value) {
            return new Settings(value, maxPower, bases, gp, selection, seed, threads, stability);
        }

        public Settings withMaxPower(int value) {
            return new Settings(method, value, bases, gp, selection, seed, threads, stability);
        }

        public Settings withBases(Set<Op> value) {
            return new Settings(method, maxPower, value, gp, selection, seed, threads, stability);
        }

        public Settings withGp(GpConfig value) {
            return new Settings(method, maxPower, bases, value, selection, seed, threads, stability);
        }

        public Settings withSelection(Selection value) {
            return new Settings(method, maxPower, bases, gp, value, seed, threads, stability);
        }

        public Settings withCriterion(Criterion value) {
            return withSelection(selection.withCriterion(value));
        }

        public Settings withSeed(long value) {
            return new Settings(method, maxPower, bases, gp, selection, value, threads, stability);
        }

        public Settings withThreads(int value) {
            return new Settings(method, maxPower, bases, gp, selection, seed, value, stability);
        }

        public Settings withStability(int value) {
            return new Settings(method, maxPower, bases, gp, selection, seed, threads, value);
        }

        /** The method AUTO resolves to. */
        public Method resolvedMethod() {
            if (method != Method.AUTO) {
                return method;
            }
            return gp.isPolynomial() ? Method.SUBSET : Method.GP;
        }
    }

    /**
     * A discovered formula.
     *
     * @param formula       the reported formula, in the units of the data
     * @param trainMse      its mean squared error on the data
     * @param method        the search that ran
     * @param front         the Pareto front it was chosen from, by increasing complexity
     * @param evaluations   candidate formulas evaluated
     * @param nodeRows      node·row evaluations of trees (0 where power sums stood in for them)
     * @param searchSeconds wall-clock seconds of the search (without the stability report)
     * @param stability     the bootstrap stability report; null when it was turned off
     */
    public record Result(Formula formula, double trainMse, Method method, List<FrontPoint> front, long evaluations,
            long nodeRows, double searchSeconds, Stability stability) {
        public Result {
            front = List.copyOf(front);
        }
    }

    public Result run(SearchData data) {
        return run(data, SearchProgress.NONE, () -> false);
    }

    /**
     * Runs the search.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true
     *                                                     between generations
     */
    public Result run(SearchData data, SearchProgress progress, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        Method method = settings.resolvedMethod();
        SearchOutcome outcome = search(data, progress, cancelled);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (method == Method.SUBSET) {
            progress.onGeneration(1, 1, outcome.mse(), outcome.evaluations());
        }
        Stability stability = settings.stability() == 0 ? null
                : Stability.of(data, outcome.formula(), settings.stability(), settings.seed(),
                        resample -> search(resample, SearchProgress.NONE, cancelled).formula(), cancelled);
        return new Result(outcome.formula(), outcome.mse(), method, outcome.front(), outcome.evaluations(),
                outcome.nodeRows(), seconds, stability);
    }

    private SearchOutcome search(SearchData data, SearchProgress progress, BooleanSupplier cancelled) {
        return settings.resolvedMethod() == Method.SUBSET
                ? SubsetSearch.of(data, settings.maxPower(), settings.bases().stream().sorted().toList(), settings.selection(),
                        settings.seed()).run()
                : new GeneticProgramming(data, settings.gp(), settings.seed(), settings.threads(), settings.selection())
                        .run(progress, cancelled);
    }
}
