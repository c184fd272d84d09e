package org.taskneurons.nn;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A fully connected layer of neurons of one kind: input (B, in), output (B, units), where every
 * neuron sees every input. Subclasses add their parameters in the constructor and give them
 * shapes and initializers in {@link #prepareParameters}, once the input width is known.
 */
public abstract class NeuronLayer extends AbstractBlock {
    private final int units;
    private final Initialization initialization;
    private final long seed;

    protected NeuronLayer(byte version, int units, Initialization initialization, long seed) {
        super(version);
        if (units < 1) {
            throw new IllegalArgumentException("units must be at least 1: " + units);
        }
        this.units = units;
        this.initialization = Objects.requireNonNull(initialization, "initialization");
        this.seed = seed;
    }

    /** The number of neurons, the output width. */
    public int units() {
        return units;
    }

    public Initialization initialization() {
        return initialization;
    }

    /** The number of scalar parameters of this layer for {@code inputs} inputs. */
    public abstract long parameterCount(int inputs);

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), units)};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape input = inputShapes[0];
        if (inputShapes.length != 1 || input.dimension() != 2 || input.get(1) < 1) {
            throw new IllegalArgumentException("a neuron layer takes one input of shape (batch, inputs): "
                    + Arrays.toString(inputShapes));
        }
        prepareParameters(Math.toIntExact(input.get(1)), new SplittableRandom(seed));
    }

    /**
     * Loads the parameters and checks that there are as many as this layer has for the
     * input width saved with them: DJL takes the shapes from the file, so a file saved from
     * another network would otherwise load without complaint.
     */
    @Override
    public void loadParameters(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
        super.loadParameters(manager, is);
        int inputs = Math.toIntExact(inputShapes[0].get(1));
        long loaded = getDirectParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        if (loaded != parameterCount(inputs)) {
            throw new MalformedModelException(getClass().getSimpleName() + " of " + units + " neurons on " + inputs
                    + " inputs has " + parameterCount(inputs) + " parameters, the file holds " + loaded);
        }
    }

    /**
     * Sets the shape and the initializer of every parameter for {@code inputs} inputs; the
     * initializers draw from {@code random} in a fixed order.
     */
    protected abstract void prepareParameters(int inputs, SplittableRandom random);

    /**
     * This layer on the fused path for {@code inputs} inputs, its parameters at {@code offset}
     * of the network's flat parameter array in the order of {@link #getDirectParameters()},
     * with room for {@code capacity} rows per pass.
     */
    abstract FusedLayer fused(int inputs, int offset, int capacity);

    /**
     * This layer for {@code trials} trials side by side ({@link BatchedNetwork}), its
     * parameters from row {@code offset} of the network's parameters, with room for
     * {@code capacity} rows per pass.
     */
    abstract BatchedLayer batched(int inputs, int offset, int capacity, int trials);

    /**
     * This layer's function for K trials at once, each with its own parameters: input x
     * (K, B, in), output (K, B, units). {@code stacked} gives each of this layer's parameters
     * with the K trials' values stacked along a leading axis: a parameter of shape S as (K, S).
     */
    abstract NDArray stackedForward(NDArray x, Function<Parameter, NDArray> stacked);

    /** x Wᵀ + b for K trials with one batched product: x (K, B, in), W (K, out, in), b (K, out) or null → (K, B, out). */
    static NDArray stackedLinear(NDArray x, NDArray weight, NDArray bias) {
        NDArray product = x.batchMatMul(weight.transpose(0, 2, 1));
        return bias == null ? product : product.add(bias.expandDims(1));
    }

    /** Gives {@code parameter} its shape and initializer. */
    protected static void setUp(Parameter parameter, Shape shape, Initializer initializer) {
        parameter.setShape(shape);
        parameter.setInitializer(initializer);
    }

    /** A parameter of this layer, added to it. */
    protected Parameter parameter(String name, Parameter.Type type) {
        return addParameter(Parameter.builder().setName(name).setType(type).build());
    }
}
