package org.taskneurons.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How a neuron layer's weights and biases start. The values are drawn in Java from a
 * {@link SplittableRandom} seeded per layer, not from the engine's global generator, so a
 * network starts the same for a seed whatever else runs in the process at the same time.
 *
 * <p>The constants inside a task-based neuron's expression (the θ of g(x; θ)) always start at
 * the formula's values: a random inner constant such as the 0.5 of cos(0.5·x) would throw away
 * what the search found.
 */
public enum Initialization {
    /**
     * DJL's default for a weight (Xavier, Gaussian, factor "in", magnitude 2, that is
     * W ~ N(0, 2/fan_in)), and zero biases.
     */
    DJL_DEFAULT,
    /**
     * PyTorch's {@code nn.Linear} default, which the paper's code uses for every weight matrix
     * of its task-based layer as well: W and b ~ U(−1/√fan_in, 1/√fan_in).
     */
    TORCH_DEFAULT,
    /**
     * Task-based neurons only: every neuron starts as the discovered formula, W_t = c_t for every
     * (neuron, input), b = c0, θ = the formula's constants. All neurons of a layer start equal,
     * so this suits a single layer (the paper's 10→1 case); in a hidden layer they would stay
     * equal.
     */
    FORMULA;

    /** The initializer of a weight whose neurons each see {@code fanIn} inputs. */
    Initializer weights(int fanIn, SplittableRandom random) {
        return switch (this) {
            case DJL_DEFAULT -> (manager, shape, type) -> gaussian(manager, shape, type, Math.sqrt(2.0 / fanIn), random);
            case TORCH_DEFAULT -> uniform(1.0 / Math.sqrt(fanIn), random);
            case FORMULA -> throw new IllegalStateException("formula initialization sets weights from the formula");
        };
    }

    /** The initializer of a bias of neurons that each see {@code fanIn} inputs. */
    Initializer biases(int fanIn, SplittableRandom random) {
        return switch (this) {
            case DJL_DEFAULT -> constant(0.0);
            case TORCH_DEFAULT -> uniform(1.0 / Math.sqrt(fanIn), random);
            case FORMULA -> throw new IllegalStateException("formula initialization sets biases from the formula");
        };
    }

    /** Every element {@code value}. */
    static Initializer constant(double value) {
        return (manager, shape, type) -> {
            double[] values = new double[Math.toIntExact(shape.size())];
            Arrays.fill(values, value);
            return array(manager, values, shape, type);
        };
    }

    /** The given values, row-major; their number must match the shape. */
    static Initializer values(double[] values) {
        return (manager, shape, type) -> {
            if (values.length != shape.size()) {
                throw new IllegalStateException(values.length + " initial values for shape " + shape);
            }
            return array(manager, values, shape, type);
        };
    }

    private static Initializer uniform(double bound, SplittableRandom random) {
        return (manager, shape, type) -> {
            double[] values = new double[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextDouble(-bound, bound);
            }
            return array(manager, values, shape, type);
        };
    }

    private static NDArray gaussian(NDManager manager, Shape shape, DataType type, double std, SplittableRandom random) {
        double[] values = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = std * random.nextGaussian();
        }
        return array(manager, values, shape, type);
    }

    /** An array of the parameter's type; only the floating-point types a network trains in are supported. */
    static NDArray array(NDManager manager, double[] values, Shape shape, DataType type) {
        return switch (type) {
            case FLOAT64 -> manager.create(values, shape);
            case FLOAT32 -> {
                float[] floats = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    floats[i] = (float) values[i];
                }
                yield manager.create(floats, shape);
            }
            default -> throw new IllegalArgumentException("parameters must be FLOAT32 or FLOAT64: " + type);
        };
    }
}
