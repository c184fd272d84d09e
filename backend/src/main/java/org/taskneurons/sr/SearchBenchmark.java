package org.taskneurons.sr;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Measurements behind {@code taskneurons bench sr}. Every figure is taken after a warm-up in
 * the same process and comes with its reference, so ratios are meaningful on any machine.
 */
public final class SearchBenchmark {
    private SearchBenchmark() {
    }

    /** The arithmetic operators of the paper's search, plus protected division. */
    public static final Set<Op> ARITHMETIC = EnumSet.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.NEG);

    /**
     * Evaluation throughput on one thread.
     *
     * @param nodeRowsPerSecond          batched evaluator, node·row evaluations per second
     * @param referenceNodeRowsPerSecond naive recursive tree walk over the same programs
     * @param programs                   programs evaluated
     * @param meanSize                   their mean number of nodes
     */
    public record Throughput(Set<Op> functions, double nodeRowsPerSecond, double referenceNodeRowsPerSecond, int programs,
            double meanSize, int rows, int inputs) {
        public double speedup() {
            return nodeRowsPerSecond / referenceNodeRowsPerSecond;
        }
    }

    /** Throughput of the batched evaluator against a naive tree walk, on random programs. */
    public static Throughput throughput(Set<Op> functions, int rows, int inputs, double seconds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[inputs][rows];
        for (double[] column : x) {
            for (int i = 0; i < rows; i++) {
                column[i] = random.nextDouble(-2, 2);
            }
        }
        Variation variation = new Variation(GpConfig.paper().withFunctions(functions));
        List<Program> programs = new ArrayList<>();
        long nodes = 0;
        while (programs.size() < 200) {
            Program program = variation.tree(5, true, random);
            if (program.size() >= 15) {
                programs.add(program);
                nodes += program.size();
            }
        }
        measureBatched(programs, x, seconds / 4);
        double batched = measureBatched(programs, x, seconds);
        measureNaive(programs, x, seconds / 8);
        double naive = measureNaive(programs, x, seconds / 2);
        return new Throughput(Set.copyOf(functions), batched, naive, programs.size(), (double) nodes / programs.size(), rows,
                inputs);
    }

    private static double measureBatched(List<Program> programs, double[][] x, double seconds) {
        Evaluator evaluator = new Evaluator();
        double[] out = new double[x[0].length];
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long nodeRows = 0;
        double sink = 0;
        while (System.nanoTime() < deadline) {
            for (Program program : programs) {
                evaluator.sumOverInputs(program, program.root(), x, out);
                nodeRows += (long) program.size() * out.length * x.length;
                sink += out[0];
            }
        }
        return rate(nodeRows, start, sink);
    }

    private static double measureNaive(List<Program> programs, double[][] x, double seconds) {
        List<Expr> trees = programs.stream().map(Program::toExpr).toList();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long nodeRows = 0;
        double sink = 0;
        while (System.nanoTime() < deadline) {
            for (Expr tree : trees) {
                for (int i = 0; i < x[0].length; i++) {
                    double sum = 0;
                    for (double[] column : x) {
                        sum += tree.evaluate(column[i]);
                    }
                    sink += sum;
                }
                nodeRows += (long) tree.size() * x[0].length * x.length;
            }
        }
        return rate(nodeRows, start, sink);
    }

    private static double rate(long nodeRows, long start, double sink) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        // The sink keeps the JIT from discarding the work; it is never NaN-checked on purpose.
        return sink == Double.MIN_VALUE ? 0 : nodeRows / elapsed;
    }

    /**
     * Timing of repeated discoveries on one data set (after one warm-up run).
     *
     * @param seconds search seconds of each timed run
     */
    public record Timing(String formula, double trainMse, long evaluations, List<Double> seconds) {
        public double median() {
            List<Double> sorted = seconds.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    /** Runs a discovery {@code repeats} times (seeds 0, 1, ...) after a warm-up run. */
    public static Timing timing(SearchData data, Discovery.Settings settings, int repeats) {
        Discovery.of(settings.withSeed(-1)).run(data);
        List<Double> seconds = new ArrayList<>();
        Discovery.Result last = null;
        for (int r = 0; r < repeats; r++) {
            last = Discovery.of(settings.withSeed(r)).run(data);
            seconds.add(last.searchSeconds());
        }
        return new Timing(last.formula().toString(), last.trainMse(), last.evaluations(), List.copyOf(seconds));
    }

    /** The paper's kind of data: y = Σ_k c_k Σ_j x_j^k + Gaussian noise, x uniform in [−1, 1]. */
    public static SearchData polynomialData(int rows, int inputs, double[] coefficientsByPower, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[inputs][rows];
        double[] y = new double[rows];
        for (double[] column : x) {
            for (int i = 0; i < rows; i++) {
                double v = random.nextDouble(-1, 1);
                column[i] = v;
                for (int k = 1; k < coefficientsByPower.length; k++) {
                    y[i] += coefficientsByPower[k] * Op.power(v, k);
                }
            }
        }
        for (int i = 0; i < rows; i++) {
            y[i] += coefficientsByPower[0] + noise * random.nextGaussian();
        }
        return SearchData.of(x, y);
    }
}
