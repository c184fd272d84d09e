package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.TaskKind;
import org.taskneurons.sr.Formula;

/**
 * Back-propagated gradients of every parameter and of the input against central finite
 * differences, in float64, for the loss Σ z ⊙ R with a fixed random R.
 */
class GradientTest {

    /**
     * These tests drive blocks directly, below {@link Training} and {@link TrainedNetwork}, so they
     * set up their thread as those do: PyTorch starts every thread but the one DJL's engine was
     * loaded on recording, and refuses the in-place parameter writes below while it records.
     */
    @BeforeEach
    void prepareThisThread() {
        EngineThreads.prepare();
    }
    private static final int ROWS = 5;
    private static final int INPUTS = 3;
    private static final double STEP = 1e-6;

    static Stream<Arguments> blocks() {
        return Stream.of(
                Arguments.of("task-based, fused polynomial", (Supplier<Block>) () -> task("6@x**2 + 2@x - 3", true)),
                Arguments.of("task-based, per term", (Supplier<Block>) () -> task("6@x**2 + 2@x - 3", false)),
                Arguments.of("task-based, inner constants", (Supplier<Block>) () ->
                        task("2*sum(cos(0.5*x)) + sum(x/(x - 3)) + sum(log(x + 2)) - sum(exp(0.3*x)*sqrt(x + 4))", true)),
                Arguments.of("linear", (Supplier<Block>) () -> LinearNeuronLayer.of(4, Initialization.DJL_DEFAULT, 3)),
                Arguments.of("quadratic", (Supplier<Block>) () -> QuadraticNeuronLayer.of(4, Initialization.TORCH_DEFAULT, 3)),
                Arguments.of("task-based network", (Supplier<Block>) () -> new Network(INPUTS,
                        Structure.of(Output.regression(2), HiddenActivation.TANH, 4),
                        Neuron.taskBased(Formula.parse("sum(x^3) + 2*sum(sin(1.5*x))")))
                        .newBlock(Initialization.DJL_DEFAULT, 11)),
                Arguments.of("quadratic network", (Supplier<Block>) () -> new Network(INPUTS,
                        new Structure(List.of(3), HiddenActivation.SIGMOID, new Output(TaskKind.CLASSIFICATION, 3)),
                        Neuron.quadratic()).newBlock(Initialization.DJL_DEFAULT, 5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void backpropagationMatchesFiniteDifferences(String name, Supplier<Block> blocks) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = blocks.get();
            block.initialize(manager, DataType.FLOAT64, new Shape(ROWS, INPUTS));
            perturbQuadraticStart(block, manager);
            NDArray x = manager.create(TaskNeuronLayerTest.randomRows(ROWS, INPUTS, 3)).div(2);
            Shape outputShape = block.getOutputShapes(new Shape[] {x.getShape()})[0];
            NDArray r = manager.randomNormal(0f, 1f, outputShape, DataType.FLOAT64);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(loss(block, manager, x, r, true));
            }
            for (Parameter parameter : block.getParameters().values()) {
                NDArray array = parameter.getArray();
                assertMatches(name + " " + parameter.getName(), array.getGradient().toDoubleArray(),
                        numericGradient(array, () -> loss(block, manager, x, r, false).getDouble()));
            }
            assertMatches(name + " input", x.getGradient().toDoubleArray(),
                    numericGradient(x, () -> loss(block, manager, x, r, false).getDouble()));
        }
    }

    @Test
    void protectedOperatorsKeepGradientsFiniteAtTheirProtectionPoints() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = task("sum(sqrt(x)) + sum(log(x)) + sum(x/(x - 1)) + sum(log(x - 1))", false);
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 2));
            NDArray x = manager.create(new float[][] {{0f, 1f}, {1f, 0f}});
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray z = block.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
                collector.backward(z.sum());
            }
            assertThat(finite(x.getGradient())).isTrue();
            for (Parameter parameter : block.getParameters().values()) {
                assertThat(finite(parameter.getArray().getGradient())).as(parameter.getName()).isTrue();
            }
        }
    }

    private static boolean finite(NDArray array) {
        for (float value : array.toFloatArray()) {
            if (!Float.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    private static Block task(String formula, boolean fused) {
        return TaskNeuronLayer.builder().setFormula(Formula.parse(formula)).setUnits(4).optFused(fused).optSeed(1).build();
    }

    /** The quadratic start (W_g = 0, W_b = 0) would hide errors in the gradients of the quadratic parts. */
    private static void perturbQuadraticStart(Block block, NDManager manager) {
        for (Parameter parameter : block.getParameters().values()) {
            NDArray array = parameter.getArray();
            array.addi(manager.randomNormal(0f, 0.3f, array.getShape(), DataType.FLOAT64));
        }
    }

    private static NDArray loss(Block block, NDManager manager, NDArray x, NDArray r, boolean training) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), training).singletonOrThrow().mul(r).sum();
    }

    private static double[] numericGradient(NDArray array, DoubleSupplier loss) {
        double[] values = array.toDoubleArray();
        double[] gradient = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double original = values[i];
            values[i] = original + STEP;
            array.set(values);
            double up = loss.getAsDouble();
            values[i] = original - STEP;
            array.set(values);
            double down = loss.getAsDouble();
            values[i] = original;
            array.set(values);
            gradient[i] = (up - down) / (2 * STEP);
        }
        return gradient;
    }

    private static void assertMatches(String what, double[] analytic, double[] numeric) {
        assertThat(analytic).as(what).hasSameSizeAs(numeric);
        for (int i = 0; i < analytic.length; i++) {
            double tolerance = 1e-6 * Math.max(1, Math.abs(numeric[i]));
            assertThat(Math.abs(analytic[i] - numeric[i])).as("%s [%d]: %s vs %s", what, i, analytic[i], numeric[i])
                    .isLessThanOrEqualTo(tolerance);
        }
    }
}
