package org.taskneurons.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A layer of quadratic neurons (Fan et al.):
 *
 * <pre>
 *   z = (x W_rᵀ + b_r) ⊙ (x W_gᵀ + b_g) + (x ⊙ x) W_bᵀ + c
 * </pre>
 *
 * with input x (B, in), weights W_r, W_g, W_b (out, in), biases b_r, b_g, c (out) and output
 * z (B, out): 3·out·(in + 1) parameters.
 *
 * <p>W_r and b_r start as {@link Initialization} says; W_g = 0, b_g = 1, W_b = 0 and c = 0,
 * so that every neuron starts as the linear neuron x W_rᵀ + b_r (the "ReLinear" start of
 * quadratic networks): the product of two random linear maps would start with badly scaled
 * outputs, and the quadratic parts still get gradients from the first step.
 */
public final class QuadraticNeuronLayer extends NeuronLayer {
    private static final byte VERSION = 1;

    private final Parameter weightR;
    private final Parameter biasR;
    private final Parameter weightG;
    private final Parameter biasG;
    private final Parameter weightB;
    private final Parameter biasC;

    private QuadraticNeuronLayer(int units, Initialization initialization, long seed) {
        super(VERSION, units, initialization, seed);
        weightR = parameter("weight_r", Parameter.Type.WEIGHT);
        biasR = parameter("bias_r", Parameter.Type.BIAS);
        weightG = parameter("weight_g", Parameter.Type.WEIGHT);
        biasG = parameter("bias_g", Parameter.Type.BIAS);
        weightB = parameter("weight_b", Parameter.Type.WEIGHT);
        biasC = parameter("bias_c", Parameter.Type.BIAS);
    }

    /**
     * A layer of {@code units} quadratic neurons.
     *
     * @throws IllegalArgumentException for {@link Initialization#FORMULA}, which needs task-based neurons
     */
    public static QuadraticNeuronLayer of(int units, Initialization initialization, long seed) {
        if (initialization == Initialization.FORMULA) {
            throw new IllegalArgumentException("initialization FORMULA needs task-based neurons, not quadratic ones");
        }
        return new QuadraticNeuronLayer(units, initialization, seed);
    }

    /** 3·out·in + 3·out. */
    @Override
    public long parameterCount(int inputs) {
        return parameterCount(inputs, units());
    }

    public static long parameterCount(int inputs, int units) {
        return 3L * units * inputs + 3L * units;
    }

    @Override
    protected void prepareParameters(int inputs, SplittableRandom random) {
        Shape matrix = new Shape(units(), inputs);
        Shape vector = new Shape(units());
        setUp(weightR, matrix, initialization().weights(inputs, random));
        setUp(biasR, vector, initialization().biases(inputs, random));
        setUp(weightG, matrix, Initialization.constant(0.0));
        setUp(biasG, vector, Initialization.constant(1.0));
        setUp(weightB, matrix, Initialization.constant(0.0));
        setUp(biasC, vector, Initialization.constant(0.0));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray r = linear(store, x, weightR, biasR, training);
        NDArray g = linear(store, x, weightG, biasG, training);
        NDArray squares = linear(store, x.square(), weightB, biasC, training);
        // The product of the two linear parts, plus the power term.
        return new NDList(r.mul(g).add(squares));
    }

    private static NDArray linear(ParameterStore store, NDArray x, Parameter weight, Parameter bias, boolean training) {
        Device device = x.getDevice();
        return Linear.linear(x, store.getValue(weight, device, training), store.getValue(bias, device, training))
                .singletonOrThrow();
    }

    @Override
    NDArray stackedForward(NDArray x, Function<Parameter, NDArray> stacked) {
        NDArray r = stackedLinear(x, stacked.apply(weightR), stacked.apply(biasR));
        NDArray g = stackedLinear(x, stacked.apply(weightG), stacked.apply(biasG));
        return r.mul(g).add(stackedLinear(x.square(), stacked.apply(weightB), stacked.apply(biasC)));
    }

    @Override
    FusedLayer fused(int inputs, int offset, int capacity) {
        return new FusedQuadraticLayer(inputs, units(), offset, capacity);
    }

    @Override
    BatchedLayer batched(int inputs, int offset, int capacity, int trials) {
        return new BatchedQuadraticLayer(inputs, units(), offset, capacity, trials);
    }
}
