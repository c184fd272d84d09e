package org.taskneurons.sr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Genetic programming over univariate trees g, scored as y ≈ c0 + Σ_t c_t Σ_j g_t(x_j) with
 * the outer coefficients fitted by least squares.
 *
 * <p>Child i of generation g draws every random number from its own stream, split from the
 * master seed by (g, i), and scoring is a pure function of the tree: the run is identical for
 * any number of threads. The best tree of every complexity ever seen is archived; the reported
 * formula is chosen from the archive's fits by the {@link Selection}.
 */
final class GeneticProgramming {
    private final SearchData data;
    private final GpConfig config;
    private final long seed;
    private final int threads;
    private final Selection selection;
    private final Variation variation;
    private final PowerMoments moments;
    private final ConcurrentLinkedQueue<Fitness> scorers = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Fitness> fitness;

    GeneticProgramming(SearchData data, GpConfig config, long seed, int threads, Selection selection) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.data = data;
        this.config = config;
        this.seed = seed;
        this.threads = threads;
        this.selection = selection;
        this.variation = new Variation(config);
        this.moments = PowerMoments.of(data, config.maxDegree());
        this.fitness = ThreadLocal.withInitial(() -> {
            Fitness scorer = new Fitness(data, moments, config.maxTerms());
            scorers.add(scorer);
            return scorer;
        });
    }

    /** An individual: its tree and score. */
    private record Individual(Program program, Fitness.Score score) {
    }

    private static final Comparator<Individual> BETTER_FIRST = Comparator
            .comparingDouble((Individual i) -> i.score().mse())
            .thenComparingInt(i -> i.program().size());

    SearchOutcome run(SearchProgress progress, BooleanSupplier cancelled) {
        long deadline = config.timeLimit() == null ? Long.MAX_VALUE : System.nanoTime() + config.timeLimit().toNanos();
        Map<Integer, Individual> archive = new TreeMap<>();
        ForkJoinPool pool = threads > 1 ? new ForkJoinPool(threads) : null;
        try {
            Individual[] population = breed(pool, i -> fitted(variation.initial(i, random(0, i))));
            archive(archive, population);
            progress.onGeneration(0, config.generations(), best(population).score().mse(), evaluations());
            for (int generation = 1; generation <= config.generations(); generation++) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("search cancelled at generation " + generation);
                }
                if (System.nanoTime() > deadline || (config.maxEvaluations() > 0 && evaluations() >= config.maxEvaluations())) {
                    break;
                }
                population = nextGeneration(pool, population, generation);
                archive(archive, population);
                progress.onGeneration(generation, config.generations(), best(population).score().mse(), evaluations());
            }
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
        return outcome(archive);
    }

    private Individual[] nextGeneration(ForkJoinPool pool, Individual[] parents, int generation) {
        Individual[] ranked = parents.clone();
        java.util.Arrays.sort(ranked, BETTER_FIRST);
        int elites = config.eliteCount();
        Individual[] children = breed(pool, i -> i < elites ? ranked[i] : child(ranked, random(generation, i)));
        return children;
    }

    private Individual child(Individual[] population, SplittableRandom random) {
        double draw = random.nextDouble();
        Program mother = tournament(population, random).program();
        Program program;
        if (draw < config.crossoverRate()) {
            program = variation.crossover(mother, tournament(population, random).program(), random);
        } else if (draw < config.crossoverRate() + config.mutationRate()) {
            program = variation.mutate(mother, random);
        } else {
            program = mother;
        }
        return fitted(program);
    }

    /** Scores a tree, first fitting the constants inside nonlinear functions when configured. */
    private Individual fitted(Program program) {
        Fitness scorer = fitness.get();
        Program tuned = config.constantIterations() > 0
                ? new ConstantFitter(scorer, config.constantIterations()).fit(program).program()
                : program;
        return new Individual(tuned, scorer.score(tuned));
    }

    private Individual tournament(Individual[] population, SplittableRandom random) {
        Individual best = population[random.nextInt(population.length)];
        for (int t = 1; t < config.tournament(); t++) {
            Individual rival = population[random.nextInt(population.length)];
            if (BETTER_FIRST.compare(rival, best) < 0) {
                best = rival;
            }
        }
        return best;
    }

    private Individual[] breed(ForkJoinPool pool, java.util.function.IntFunction<Individual> make) {
        Individual[] out = new Individual[config.population()];
        if (pool == null) {
            for (int i = 0; i < out.length; i++) {
                out[i] = make.apply(i);
            }
        } else {
            pool.submit(() -> IntStream.range(0, out.length).parallel().forEach(i -> out[i] = make.apply(i))).join();
        }
        return out;
    }

    /** The random stream of child i of a generation, independent of every other child's. */
    private SplittableRandom random(int generation, int index) {
        long mixed = seed * 0x9E3779B97F4A7C15L + (generation + 1L) * 0xBF58476D1CE4E5B9L + (index + 1L) * 0x94D049BB133111EBL;
        return new SplittableRandom(mixed);
    }

    private static Individual best(Individual[] population) {
        Individual best = population[0];
        for (Individual individual : population) {
            if (BETTER_FIRST.compare(individual, best) < 0) {
                best = individual;
            }
        }
        return best;
    }

    private static void archive(Map<Integer, Individual> archive, Individual[] population) {
        for (Individual individual : population) {
            if (individual.score().isValid()) {
                archive.merge(individual.score().parameters(), individual,
                        (old, candidate) -> BETTER_FIRST.compare(candidate, old) < 0 ? candidate : old);
            }
        }
    }

    private long evaluations() {
        return scorers.stream().mapToLong(Fitness::evaluations).sum();
    }

    private SearchOutcome outcome(Map<Integer, Individual> archive) {
        if (archive.isEmpty()) {
            throw new IllegalStateException("every candidate was invalid on this data (NaN or infinite values)");
        }
        Fitness scorer = new Fitness(data, moments, config.maxTerms());
        List<FrontPoint> points = new ArrayList<>();
        for (Individual individual : archive.values()) {
            Fitness.Candidate candidate = scorer.candidate(individual.program());
            if (candidate != null) {
                points.add(TermFit.best(data, candidate.terms(), candidate.features(), candidate.innerConstants(),
                        selection.criterion()));
            }
        }
        Selection.Choice choice = selection.choose(data, points, seed);
        FrontPoint chosen = choice.chosen();
        long nodeRows = scorers.stream().mapToLong(Fitness::nodeRows).sum();
        return new SearchOutcome(chosen.formula(), chosen.mse(), choice.front(), evaluations(), nodeRows);
    }
}
