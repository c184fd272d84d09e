package org.taskneurons.nn;

import java.util.List;

/**
 * {@link FusedOptimizer}'s update rules for K trials side by side (see {@link BatchedNetwork}),
 * each trial with its own learning rate, weight decay, momentum, state and step count; the
 * loops over trials are innermost and run over whole rows, so they vectorize. Each trial's
 * arithmetic is that of its own {@link FusedOptimizer}.
 */
final class BatchedOptimizer {
    private final OptimizerKind kind;
    private final int trials;
    private final double[] learningRate;
    private final double[] weightDecay;
    private final double[] momentum;
    private final double[][] first;
    private final double[][] second;
    private final int[] steps;
    /** Adam's lr/(1−β1^t) and √(1−β2^t) of each trial's current step. */
    private final double[] stepSize;
    private final double[] secondCorrection;
    /** Per trial: whether its current step is its first, where SGD's momentum buffer starts. */
    private final boolean[] firstStep;

    /** The rule of every trial's settings, which must name one optimizer, over {@code size} parameters per trial. */
    BatchedOptimizer(List<TrainingSettings> settings, int size) {
        this.kind = settings.get(0).optimizer();
        this.trials = settings.size();
        learningRate = new double[trials];
        weightDecay = new double[trials];
        momentum = new double[trials];
        for (int t = 0; t < trials; t++) {
            TrainingSettings trial = settings.get(t);
            if (trial.optimizer() != kind) {
                throw new IllegalArgumentException("trial " + t + " uses " + trial.optimizer() + ", trial 0 " + kind);
            }
            learningRate[t] = trial.learningRate();
            weightDecay[t] = trial.weightDecay();
            momentum[t] = trial.momentum();
        }
        first = new double[size][trials];
        second = new double[size][trials];
        steps = new int[trials];
        stepSize = new double[trials];
        secondCorrection = new double[trials];
        firstStep = new boolean[trials];
    }

    /** One step of the rule for every trial: updates {@code weights} from {@code gradients}, which it leaves as they are. */
    void step(double[][] weights, double[][] gradients) {
        for (int t = 0; t < trials; t++) {
            count(t);
        }
        update(weights, gradients, 0, trials);
    }

    /** One step for the trials where {@code applies} is true; the others' weights and state stay as they are. */
    void step(double[][] weights, double[][] gradients, boolean[] applies) {
        for (int t = 0; t < trials; t++) {
            if (applies[t]) {
                count(t);
                update(weights, gradients, t, t + 1);
            }
        }
    }

    /** The update of trials [from, to). */
    private void update(double[][] weights, double[][] gradients, int from, int to) {
        for (int i = 0; i < weights.length; i++) {
            switch (kind) {
                case RMSPROP -> rmsprop(weights[i], gradients[i], second[i], from, to);
                case ADAM -> adam(weights[i], gradients[i], first[i], second[i], from, to);
                case SGD -> sgd(weights[i], gradients[i], first[i], from, to);
            }
        }
    }

    private void count(int t) {
        steps[t]++;
        firstStep[t] = steps[t] == 1;
        if (kind == OptimizerKind.ADAM) {
            stepSize[t] = learningRate[t] / (1 - Math.pow(FusedOptimizer.ADAM_BETA1, steps[t]));
            secondCorrection[t] = Math.sqrt(1 - Math.pow(FusedOptimizer.ADAM_BETA2, steps[t]));
        }
    }

    private void rmsprop(double[] w, double[] gradient, double[] v, int from, int to) {
        for (int t = from; t < to; t++) {
            double g = gradient[t] + weightDecay[t] * w[t];
            v[t] = FusedOptimizer.RMSPROP_ALPHA * v[t] + (1 - FusedOptimizer.RMSPROP_ALPHA) * g * g;
            w[t] -= learningRate[t] * g / (Math.sqrt(v[t]) + FusedOptimizer.EPSILON);
        }
    }

    private void adam(double[] w, double[] gradient, double[] m, double[] v, int from, int to) {
        for (int t = from; t < to; t++) {
            double g = gradient[t] + weightDecay[t] * w[t];
            m[t] = FusedOptimizer.ADAM_BETA1 * m[t] + (1 - FusedOptimizer.ADAM_BETA1) * g;
            v[t] = FusedOptimizer.ADAM_BETA2 * v[t] + (1 - FusedOptimizer.ADAM_BETA2) * g * g;
            w[t] -= stepSize[t] * m[t] / (Math.sqrt(v[t]) / secondCorrection[t] + FusedOptimizer.EPSILON);
        }
    }

    private void sgd(double[] w, double[] gradient, double[] u, int from, int to) {
        for (int t = from; t < to; t++) {
            double g = gradient[t] + weightDecay[t] * w[t];
            u[t] = firstStep[t] ? g : momentum[t] * u[t] + g;
            w[t] -= learningRate[t] * u[t];
        }
    }
}
