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
 * A layer of ordinary (linear) neurons, z = x Wᵀ + b: input x (B, in), weight W (out, in),
 * bias b (out), output z (B, out). The same function as DJL's {@link Linear}, with the
 * seeded {@link Initialization} every neuron layer here shares.
 */
public final class LinearNeuronLayer extends NeuronLayer {
    private static final byte VERSION = 1;

    private final Parameter weight;
    private final Parameter bias;

    private LinearNeuronLayer(int units, Initialization initialization, long seed) {
        super(VERSION, units, initialization, seed);
        weight = parameter("weight", Parameter.Type.WEIGHT);
        bias = parameter("bias", Parameter.Type.BIAS);
    }

    /**
     * A layer of {@code units} linear neurons.
     *
     * @throws IllegalArgumentException for {@link Initialization#FORMULA}, which needs task-based neurons
     */
    public static LinearNeuronLayer of(int units, Initialization initialization, long seed) {
        if (initialization == Initialization.FORMULA) {
            throw new IllegalArgumentException("initialization FORMULA needs task-based neurons, not linear ones");
        }
        return new LinearNeuronLayer(units, initialization, seed);
    }

    /** out·in + out. */
    @Override
    public long parameterCount(int inputs) {
        return parameterCount(inputs, units());
    }

    public static long parameterCount(int inputs, int units) {
        return (long) units * inputs + units;
    }

    @Override
    protected void prepareParameters(int inputs, SplittableRandom random) {
        setUp(weight, new Shape(units(), inputs), initialization().weights(inputs, random));
        setUp(bias, new Shape(units()), initialization().biases(inputs, random));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        return Linear.linear(x, store.getValue(weight, device, training), store.getValue(bias, device, training));
    }

    @Override
    NDArray stackedForward(NDArray x, Function<Parameter, NDArray> stacked) {
        return stackedLinear(x, stacked.apply(weight), stacked.apply(bias));
    }

    @Override
    FusedLayer fused(int inputs, int offset, int capacity) {
        return FusedLinear.at(inputs, units(), offset);
    }

    @Override
    BatchedLayer batched(int inputs, int offset, int capacity, int trials) {
        return BatchedLinearLayer.at(inputs, units(), offset, trials);
    }
}
