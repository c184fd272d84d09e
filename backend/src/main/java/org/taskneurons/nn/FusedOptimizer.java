package org.taskneurons.nn;

import java.util.List;
import java.util.Objects;

/**
 * The update rules of {@link OptimizerKind} on the fused path, PyTorch's exactly, over one flat
 * parameter array; weight decay λ is coupled (the gradient becomes g + λ·w):
 * <ul>
 *   <li>RMSprop (α = 0.99, ε = 1e-8): v ← α·v + (1−α)·g², w ← w − lr·g / (√v + ε).</li>
 *   <li>Adam (β1 = 0.9, β2 = 0.999, ε = 1e-8): m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
 *       w ← w − lr/(1−β1^t) · m / (√v / √(1−β2^t) + ε).</li>
 *   <li>SGD with momentum μ (dampening 0): u ← μ·u + g (u = g at the first step),
 *       w ← w − lr·u.</li>
 * </ul>
 *
 * <p>For K trials side by side (see {@link FusedNetwork#stacked}) every trial has its own
 * learning rate, weight decay, momentum, state and step count; parameter i of trial t lies at
 * {@code i·K + t}, and the loops over trials are innermost.
 */
final class FusedOptimizer {
    private static final double ADAM_BETA1 = 0.9;
    private static final double ADAM_BETA2 = 0.999;
    private static final double RMSPROP_ALPHA = 0.99;
    private static final double EPSILON = 1e-8;

    private final OptimizerKind kind;
    private final int size;
    private final int trials;
    private final double[] learningRate;
    private final double[] weightDecay;
    private final double[] momentum;
    private final double[] first;
    private final double[] second;
    private final int[] steps;
    /** Adam's lr/(1−β1^t) and √(1−β2^t) of each trial's current step. */
    private final double[] stepSize;
    private final double[] secondCorrection;

    private FusedOptimizer(OptimizerKind kind, List<TrainingSettings> settings, int size) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.size = size;
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
        first = new double[size * trials];
        second = new double[size * trials];
        steps = new int[trials];
        stepSize = new double[trials];
        secondCorrection = new double[trials];
    }

    /** The rule of {@code settings} over {@code size} parameters of one trial. */
    static FusedOptimizer of(TrainingSettings settings, int size) {
        return of(List.of(settings), size);
    }

    /** The rule of every trial's settings, which must name one optimizer, over {@code size} parameters per trial. */
    static FusedOptimizer of(List<TrainingSettings> settings, int size) {
        return new FusedOptimizer(settings.get(0).optimizer(), settings, size);
    }

    /** Takes up the state of a one-trial checkpoint: its buffers and step count. */
    void restore(TrainingCheckpoint checkpoint) {
        if (trials != 1) {
            throw new IllegalStateException("a checkpoint holds one trial, this optimizer " + trials);
        }
        System.arraycopy(checkpoint.first(), 0, first, 0, first.length);
        System.arraycopy(checkpoint.second(), 0, second, 0, second.length);
        steps[0] = checkpoint.steps();
    }

    /** The state of a one-trial run after {@code epochs} epochs, with its {@code parameters}. */
    TrainingCheckpoint checkpoint(int epochs, double[] parameters, boolean gradientsSeen) {
        return new TrainingCheckpoint(epochs, parameters, first, second, steps[0], gradientsSeen);
    }

    /** One step of the rule for every trial: updates {@code weights} from {@code gradients}, which it leaves as they are. */
    void step(double[] weights, double[] gradients) {
        for (int t = 0; t < trials; t++) {
            count(t);
        }
        update(weights, gradients, 0, trials);
    }

    /** One step for the trials where {@code applies} is true; the others' weights and state stay as they are. */
    void step(double[] weights, double[] gradients, boolean[] applies) {
        for (int t = 0; t < trials; t++) {
            if (applies[t]) {
                count(t);
                update(weights, gradients, t, t + 1);
            }
        }
    }

    private void count(int t) {
        steps[t]++;
        if (kind == OptimizerKind.ADAM) {
            stepSize[t] = learningRate[t] / (1 - Math.pow(ADAM_BETA1, steps[t]));
            secondCorrection[t] = Math.sqrt(1 - Math.pow(ADAM_BETA2, steps[t]));
        }
    }

    /** The update of trials [from, to); the loop over them is innermost so that it vectorizes. */
    private void update(double[] w, double[] gradients, int from, int to) {
        switch (kind) {
            case RMSPROP -> {
                for (int i = 0; i < size; i++) {
                    for (int t = from; t < to; t++) {
                        rmsprop(w, gradients, i * trials + t, t);
                    }
                }
            }
            case ADAM -> {
                for (int i = 0; i < size; i++) {
                    for (int t = from; t < to; t++) {
                        adam(w, gradients, i * trials + t, t);
                    }
                }
            }
            case SGD -> {
                for (int i = 0; i < size; i++) {
                    for (int t = from; t < to; t++) {
                        sgd(w, gradients, i * trials + t, t);
                    }
                }
            }
        }
    }

    private void rmsprop(double[] w, double[] gradients, int i, int t) {
        double g = gradients[i] + weightDecay[t] * w[i];
        second[i] = RMSPROP_ALPHA * second[i] + (1 - RMSPROP_ALPHA) * g * g;
        w[i] -= learningRate[t] * g / (Math.sqrt(second[i]) + EPSILON);
    }

    private void adam(double[] w, double[] gradients, int i, int t) {
        double g = gradients[i] + weightDecay[t] * w[i];
        first[i] = ADAM_BETA1 * first[i] + (1 - ADAM_BETA1) * g;
        second[i] = ADAM_BETA2 * second[i] + (1 - ADAM_BETA2) * g * g;
        w[i] -= stepSize[t] * first[i] / (Math.sqrt(second[i]) / secondCorrection[t] + EPSILON);
    }

    private void sgd(double[] w, double[] gradients, int i, int t) {
        double g = gradients[i] + weightDecay[t] * w[i];
        first[i] = steps[t] == 1 ? g : momentum[t] * first[i] + g;
        w[i] -= learningRate[t] * first[i];
    }
}
