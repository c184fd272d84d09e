package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.engine.PtNDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The update rules of {@link ParameterUpdate} for K trials whose parameters are stacked along
 * a leading axis ({@link StackedNetwork}): each trial has its own learning rate, weight decay,
 * momentum, step count and optimizer state, and all trials step with one set of tensor ops
 * per parameter. Weight decay is coupled (g + λ·w), as there; each step zeroes the gradients.
 */
final class StackedOptimizer {
    private static final float ADAM_BETA1 = 0.9f;
    private static final float ADAM_BETA2 = 0.999f;
    private static final float RMSPROP_ALPHA = 0.99f;
    private static final float EPSILON = 1e-8f;

    private final OptimizerKind kind;
    private final double[] learningRates;
    private final NDArray weightDecay;
    private final NDArray momentum;
    private final boolean decays;
    /** Each trial's steps taken so far, for Adam's bias correction. */
    private final int[] steps;
    /** Per parameter: Adam's moments (m, v), RMSprop's v, or SGD's momentum buffer u, stacked like the parameter. */
    private final List<NDArray[]> states = new ArrayList<>();

    /**
     * The optimizer of K trials with {@code settings} (one per trial, all of one optimizer kind)
     * for {@code parameters}, its state on {@code manager}.
     */
    StackedOptimizer(List<TrainingSettings> settings, List<NDArray> parameters, NDManager manager) {
        this.kind = settings.get(0).optimizer();
        this.learningRates = settings.stream().mapToDouble(TrainingSettings::learningRate).toArray();
        this.weightDecay = perTrial(manager, settings.stream().mapToDouble(TrainingSettings::weightDecay).toArray());
        this.momentum = perTrial(manager, settings.stream().mapToDouble(TrainingSettings::momentum).toArray());
        this.decays = settings.stream().anyMatch(trial -> trial.weightDecay() > 0);
        this.steps = new int[settings.size()];
        for (NDArray parameter : parameters) {
            states.add(kind == OptimizerKind.ADAM
                    ? new NDArray[] {parameter.zerosLike(), parameter.zerosLike()}
                    : new NDArray[] {parameter.zerosLike()});
        }
    }

    /**
     * Updates every parameter from its gradient for the trials that {@code takes} says (null:
     * all of them) and zeroes the gradients. A trial that does not take the step keeps its
     * parameters, its state and its step count. The parameters and the state are updated in
     * place; what the step computes on the way lives on {@code step}, to which the caller has
     * attached the parameters for the step.
     */
    void step(NDManager step, List<NDArray> parameters, boolean[] takes) {
        try (RecordingPause pause = new RecordingPause()) {
            weightDecay.tempAttach(step);
            momentum.tempAttach(step);
            NDArray rates = rates(step, takes);
            NDArray mask = takes != null ? step.create(takes) : null;
            for (int p = 0; p < parameters.size(); p++) {
                NDArray weight = parameters.get(p);
                NDArray[] state = states.get(p);
                for (NDArray value : state) {
                    value.tempAttach(step);
                }
                update(weight, weight.getGradient(), state, lanes(rates, weight),
                        mask != null ? lanes(mask, weight).broadcast(weight.getShape()) : null);
                JniUtils.zeroGrad((PtNDArray) weight);
            }
        }
    }

    /** Each trial's step size this step, (K): its learning rate (Adam: with its bias correction), 0 where it takes no step. */
    private NDArray rates(NDManager step, boolean[] takes) {
        float[] rates = new float[steps.length];
        for (int k = 0; k < steps.length; k++) {
            if (takes != null && !takes[k]) {
                continue;
            }
            int t = ++steps[k];
            double correction = kind == OptimizerKind.ADAM
                    ? Math.sqrt(1 - Math.pow(ADAM_BETA2, t)) / (1 - Math.pow(ADAM_BETA1, t))
                    : 1.0;
            rates[k] = (float) (learningRates[k] * correction);
        }
        return step.create(rates);
    }

    private void update(NDArray weight, NDArray gradient, NDArray[] state, NDArray rate, NDArray mask) {
        NDArray g = decays ? gradient.add(weight.mul(lanes(weightDecay, weight))) : gradient;
        switch (kind) {
            case ADAM -> {
                NDArray m = store(state[0], state[0].mul(ADAM_BETA1).add(g.mul(1 - ADAM_BETA1)), mask);
                NDArray v = store(state[1], state[1].mul(ADAM_BETA2).add(g.square().mul(1 - ADAM_BETA2)), mask);
                weight.subi(m.div(v.sqrt().add(EPSILON)).mul(rate));
            }
            case RMSPROP -> {
                NDArray v = store(state[0], state[0].mul(RMSPROP_ALPHA).add(g.square().mul(1 - RMSPROP_ALPHA)), mask);
                weight.subi(g.div(v.sqrt().add(EPSILON)).mul(rate));
            }
            case SGD -> weight.subi(store(state[0], state[0].mul(lanes(momentum, weight)).add(g.mul(rate)), mask));
        }
    }

    /** Writes {@code updated} into {@code state} for the trials of {@code mask} (null: all, else of the state's shape); the others keep theirs. */
    private static NDArray store(NDArray state, NDArray updated, NDArray mask) {
        state.set(new NDIndex("..."), mask != null ? NDArrays.where(mask, updated, state) : updated);
        return state;
    }

    /** One value per trial, (K) float32 on the optimizer's device. */
    private static NDArray perTrial(NDManager manager, double[] values) {
        float[] floats = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            floats[k] = (float) values[k];
        }
        return manager.create(floats);
    }

    /** {@code perTrial} (K) shaped to broadcast against {@code like} (K, S): (K, 1, …, 1). */
    private static NDArray lanes(NDArray perTrial, NDArray like) {
        long[] shape = new long[like.getShape().dimension()];
        Arrays.fill(shape, 1);
        shape[0] = perTrial.size();
        return perTrial.reshape(shape);
    }
}
