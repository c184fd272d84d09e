package org.taskneurons.sr;

/**
 * Levenberg–Marquardt on the constants inside nonlinear functions (the 0.5 of cos(0.5·x)), with
 * the outer coefficients refitted by least squares at every step, a forward-difference
 * Jacobian and a bounded number of iterations. The fitted constants are written back into the
 * program (Lamarckian), so offspring inherit them.
 */
final class ConstantFitter {
    private final Fitness fitness;
    private final int iterations;

    ConstantFitter(Fitness fitness, int iterations) {
        this.fitness = fitness;
        this.iterations = iterations;
    }

    /** What fitting achieved: the program with its constants and the iterations used. */
    record Result(Program program, int iterations, double rssBefore, double rssAfter) {
    }

    Result fit(Program program) {
        int[] constants = nonlinearConstants(program);
        Fitness.Model start = fitness.model(program);
        if (constants.length == 0 || start == null || iterations == 0) {
            double rss = start == null ? Fitness.WORST : start.rss();
            return new Result(program, 0, rss, rss);
        }
        double[] values = program.values();
        double[] residual = residuals(start);
        double rss = start.rss();
        double lambda = 1e-3;
        int used = 0;
        while (used < iterations) {
            used++;
            double[][] jacobian = jacobian(program, values, constants, residual);
            if (jacobian == null) {
                break;
            }
            double[] step = step(jacobian, residual, lambda);
            double[] trial = values.clone();
            for (int c = 0; c < constants.length; c++) {
                trial[constants[c]] += step[c];
            }
            Fitness.Model model = fitness.model(program.withValues(trial));
            if (model != null && model.rss() < rss) {
                values = trial;
                rss = model.rss();
                residual = residuals(model);
                lambda = Math.max(lambda / 10, 1e-12);
            } else {
                lambda *= 10;
                if (lambda > 1e8) {
                    break;
                }
            }
        }
        return new Result(program.withValues(values), used, start.rss(), rss);
    }

    private double[] residuals(Fitness.Model model) {
        double[] prediction = fitness.predictions(model);
        double[] y = fitness.target();
        for (int i = 0; i < prediction.length; i++) {
            prediction[i] = y[i] - prediction[i];
        }
        return prediction;
    }

    /** ∂r_i/∂θ_c by forward differences; null when a perturbed program is invalid. */
    private double[][] jacobian(Program program, double[] values, int[] constants, double[] residual) {
        double[][] jacobian = new double[constants.length][];
        for (int c = 0; c < constants.length; c++) {
            double[] shifted = values.clone();
            double h = 1e-6 * Math.max(1.0, Math.abs(values[constants[c]]));
            shifted[constants[c]] += h;
            Fitness.Model model = fitness.model(program.withValues(shifted));
            if (model == null) {
                return null;
            }
            double[] r = residuals(model);
            for (int i = 0; i < r.length; i++) {
                r[i] = (r[i] - residual[i]) / h;
            }
            jacobian[c] = r;
        }
        return jacobian;
    }

    /** Solves (JᵀJ + λ·diag(JᵀJ)) δ = −Jᵀr. */
    private static double[] step(double[][] jacobian, double[] residual, double lambda) {
        int p = jacobian.length;
        double[][] normal = new double[p][p];
        double[] gradient = new double[p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int i = 0; i < residual.length; i++) {
                    s += jacobian[a][i] * jacobian[b][i];
                }
                normal[a][b] = normal[b][a] = s;
            }
            double g = 0;
            for (int i = 0; i < residual.length; i++) {
                g -= jacobian[a][i] * residual[i];
            }
            gradient[a] = g;
        }
        for (int a = 0; a < p; a++) {
            normal[a][a] *= 1 + lambda;
        }
        double gg = 0;
        for (double g : gradient) {
            gg += g * g;
        }
        return LeastSquares.fromGram(normal, gradient, gg).coefficients();
    }

    /** Indices of the constants that sit below a non-polynomial function. */
    static int[] nonlinearConstants(Program program) {
        boolean[] inside = new boolean[program.size()];
        for (int node = 0; node < program.size(); node++) {
            if (!program.op(node).isPolynomial()) {
                for (int i = program.start(node); i < node; i++) {
                    inside[i] = true;
                }
            }
        }
        return java.util.stream.IntStream.range(0, program.size())
                .filter(i -> inside[i] && program.op(i) == Op.CONST).toArray();
    }
}
