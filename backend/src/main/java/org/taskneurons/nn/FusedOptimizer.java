package org.taskneurons.nn;

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
 * ({@link BatchedOptimizer} applies the same rules to K trials side by side.)
 */
final class FusedOptimizer {
    static final double ADAM_BETA1 = 0.9;
    static final double ADAM_BETA2 = 0.999;
    static final double RMSPROP_ALPHA = 0.99;
    static final double EPSILON = 1e-8;

    private final OptimizerKind kind;
    private final double learningRate;
    private final double weightDecay;
    private final double momentum;
    private final double[] first;
    private final double[] second;
    private int steps;

    private FusedOptimizer(TrainingSettings settings, int size) {
        this.kind = Objects.requireNonNull(settings.optimizer(), "optimizer");
        learningRate = settings.learningRate();
        weightDecay = settings.weightDecay();
        momentum = settings.momentum();
        first = new double[size];
        second = new double[size];
    }

    /** The rule of {@code settings} over {@code size} parameters. */
    static FusedOptimizer of(TrainingSettings settings, int size) {
        return new FusedOptimizer(settings, size);
    }

    /** Takes up the state of a checkpoint: its buffers and step count. */
    void restore(TrainingCheckpoint checkpoint) {
        System.arraycopy(checkpoint.first(), 0, first, 0, first.length);
        System.arraycopy(checkpoint.second(), 0, second, 0, second.length);
        steps = checkpoint.steps();
    }

    /** The state after {@code epochs} epochs, with its {@code parameters}. */
    TrainingCheckpoint checkpoint(int epochs, double[] parameters, boolean gradientsSeen) {
        return new TrainingCheckpoint(epochs, parameters, first, second, steps, gradientsSeen, TrainingEngine.FUSED);
    }

    /** One step of the rule: updates {@code w} from {@code gradients}, which it leaves as they are. */
    void step(double[] w, double[] gradients) {
        steps++;
        switch (kind) {
            case RMSPROP -> {
                for (int i = 0; i < w.length; i++) {
                    double g = gradients[i] + weightDecay * w[i];
                    second[i] = RMSPROP_ALPHA * second[i] + (1 - RMSPROP_ALPHA) * g * g;
                    w[i] -= learningRate * g / (Math.sqrt(second[i]) + EPSILON);
                }
            }
            case ADAM -> {
                double stepSize = learningRate / (1 - Math.pow(ADAM_BETA1, steps));
                double secondCorrection = Math.sqrt(1 - Math.pow(ADAM_BETA2, steps));
                for (int i = 0; i < w.length; i++) {
                    double g = gradients[i] + weightDecay * w[i];
                    first[i] = ADAM_BETA1 * first[i] + (1 - ADAM_BETA1) * g;
                    second[i] = ADAM_BETA2 * second[i] + (1 - ADAM_BETA2) * g * g;
                    w[i] -= stepSize * first[i] / (Math.sqrt(second[i]) / secondCorrection + EPSILON);
                }
            }
            case SGD -> {
                for (int i = 0; i < w.length; i++) {
                    double g = gradients[i] + weightDecay * w[i];
                    first[i] = steps == 1 ? g : momentum * first[i] + g;
                    w[i] -= learningRate * first[i];
                }
            }
        }
    }
}
