package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The optimizers of {@link OptimizerKind} as one DJL {@link Optimizer}, each a single fused
 * native call per parameter and step (DJL's own RMSProp is not implemented by its PyTorch
 * engine, and a step made of separate tensor ops costs about 3 µs per op here). Like DJL's
 * optimizers, each update also zeroes the parameter's gradient. Weight decay λ is coupled, as
 * in PyTorch: the gradient becomes g + λ·w.
 *
 * <ul>
 *   <li>RMSprop (PyTorch's {@code RMSprop}, α = 0.99, ε = 1e-8): v ← α·v + (1−α)·g²,
 *       w ← w − lr·g / (√v + ε); the fused Adam kernel with β1 = 0 and no bias correction.</li>
 *   <li>Adam (β1 = 0.9, β2 = 0.999, ε = 1e-8): m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
 *       w ← w − lr·√(1−β2^t)/(1−β1^t)·m / (√v + ε); PyTorch adds ε to the bias-corrected √v̂
 *       instead, a difference of order ε.</li>
 *   <li>SGD with momentum μ: u ← μ·u + lr·g, w ← w − u, which is PyTorch's
 *       buf ← μ·buf + g, w ← w − lr·buf (dampening 0) for a constant learning rate.</li>
 * </ul>
 */
final class ParameterUpdate extends Optimizer {
    private static final float ADAM_BETA1 = 0.9f;
    private static final float ADAM_BETA2 = 0.999f;
    private static final float RMSPROP_ALPHA = 0.99f;
    private static final float EPSILON = 1e-8f;
    /** Tells the native kernels not to rescale or clip the gradient. */
    private static final float NO_RESCALE = 1f;
    private static final float NO_CLIP = -1f;

    private final OptimizerKind kind;
    private final float learningRate;
    private final float weightDecay;
    private final float momentum;
    private final Map<String, NDArray[]> states = new ConcurrentHashMap<>();
    /** Updates taken per parameter: Adam's bias correction needs them, and a checkpoint restores them. */
    private final Map<String, Integer> steps = new ConcurrentHashMap<>();

    ParameterUpdate(OptimizerKind kind, double learningRate, double weightDecay, double momentum) {
        super(new Settings());
        this.kind = Objects.requireNonNull(kind, "kind");
        this.learningRate = (float) learningRate;
        this.weightDecay = (float) weightDecay;
        this.momentum = (float) momentum;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int step = steps.merge(parameterId, 1, Integer::sum);
        NDArray[] state = state(parameterId, weight);
        NDList target = new NDList(weight);
        switch (kind) {
            case RMSPROP -> weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, state[0], state[1]), target,
                    learningRate, learningRate, weightDecay, NO_RESCALE, NO_CLIP, 0f, RMSPROP_ALPHA, EPSILON, false, false);
            case ADAM -> {
                double correction = Math.sqrt(1 - Math.pow(ADAM_BETA2, step)) / (1 - Math.pow(ADAM_BETA1, step));
                weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, state[0], state[1]), target,
                        learningRate, (float) (learningRate * correction), weightDecay, NO_RESCALE, NO_CLIP,
                        ADAM_BETA1, ADAM_BETA2, EPSILON, false, false);
            }
            case SGD -> weight.getNDArrayInternal().sgdUpdate(new NDList(weight, grad, state[0]), target,
                    learningRate, weightDecay, NO_RESCALE, NO_CLIP, momentum, false);
        }
    }

    /**
     * Where the optimizer and {@code block}'s parameters stand after {@code epochs} epochs, flat
     * in the block's order; the second buffer is zeros for SGD, which keeps one.
     */
    TrainingCheckpoint checkpoint(int epochs, Block block, boolean gradientsSeen) {
        List<NDArray> weights = new ArrayList<>();
        List<NDArray> first = new ArrayList<>();
        List<NDArray> second = new ArrayList<>();
        for (Parameter parameter : block.getParameters().values()) {
            NDArray[] state = state(parameter.getId(), parameter.getArray());
            weights.add(parameter.getArray());
            first.add(state[0]);
            second.add(state[state.length - 1]);
        }
        double[] parameters = FlatValues.of(weights);
        return new TrainingCheckpoint(epochs, parameters, FlatValues.of(first),
                kind == OptimizerKind.SGD ? new double[parameters.length] : FlatValues.of(second),
                steps.values().stream().mapToInt(Integer::intValue).max().orElse(0), gradientsSeen, TrainingEngine.DJL);
    }

    /** Takes up a checkpoint's buffers and step count for {@code block}'s parameters, whose values the caller writes. */
    void restore(TrainingCheckpoint checkpoint, Block block) {
        double[] first = checkpoint.first();
        double[] second = checkpoint.second();
        int at = 0;
        for (Parameter parameter : block.getParameters().values()) {
            NDArray weight = parameter.getArray();
            NDArray[] state = kind == OptimizerKind.SGD
                    ? new NDArray[] {FlatValues.slice(first, at, weight)}
                    : new NDArray[] {FlatValues.slice(first, at, weight), FlatValues.slice(second, at, weight)};
            NDArray[] replaced = states.put(parameter.getId(), state);
            if (replaced != null) {
                Arrays.stream(replaced).forEach(NDArray::close);
            }
            steps.put(parameter.getId(), checkpoint.steps());
            at += Math.toIntExact(weight.size());
        }
    }

    private NDArray[] state(String parameterId, NDArray weight) {
        return states.computeIfAbsent(parameterId, id -> newState(weight));
    }

    /** Zeroed moments beside the weight, so that they live and die with the model's parameters. */
    private NDArray[] newState(NDArray weight) {
        return kind == OptimizerKind.SGD
                ? new NDArray[] {weight.zerosLike()}
                : new NDArray[] {weight.zerosLike(), weight.zerosLike()};
    }

    /** DJL's optimizer settings, unused: the rules above take their hyper-parameters directly. */
    private static final class Settings extends OptimizerBuilder<Settings> {
        @Override
        protected Settings self() {
            return this;
        }
    }
}
