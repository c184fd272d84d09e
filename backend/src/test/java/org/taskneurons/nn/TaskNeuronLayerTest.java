package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.sr.Formula;

class TaskNeuronLayerTest {

    /**
     * These tests drive blocks directly, below {@link Training} and {@link TrainedNetwork}, so they
     * set up their thread as those do: PyTorch starts every thread but the one DJL's engine was
     * loaded on recording, and refuses the in-place parameter writes below while it records.
     */
    @BeforeEach
    void prepareThisThread() {
        EngineThreads.prepare();
    }

    @ParameterizedTest(name = "{0} on {1} inputs, {2} neurons")
    @CsvSource(delimiter = ';', value = {
            "6@x**2 + 2@x - 3; 10; 1",
            "6@x**2 + 2@x - 3; 7; 5",
            "sum(x); 3; 4",
            "2*sum(x^5) - sum(x^3) + sum(x^2) + 0.5; 6; 3",
            "sum(x^7) + sum(x^4) + sum(x); 4; 2"})
    void fusedPolynomialEqualsPerTerm(String formulaText, int inputs, int units) {
        Formula formula = Formula.parse(formulaText);
        try (NDManager manager = NDManager.newBaseManager()) {
            TaskNeuronLayer fused = layer(formula, units, true);
            TaskNeuronLayer perTerm = layer(formula, units, false);
            fused.initialize(manager, DataType.FLOAT64, new Shape(8, inputs));
            perTerm.initialize(manager, DataType.FLOAT64, new Shape(8, inputs));
            copyFusedWeights(fused, perTerm, inputs);
            NDArray x = manager.randomUniform(-1.5f, 1.5f, new Shape(8, inputs), DataType.FLOAT64);

            assertThat(fused.isFused()).isTrue();
            assertThat(perTerm.isFused()).isFalse();
            assertThat(fused.getParameters().get("weight").getArray().getShape())
                    .isEqualTo(new Shape(units, (long) inputs * formula.terms().size()));
            double[] a = forward(fused, manager, x);
            double[] b = forward(perTerm, manager, x);
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).as("output %d", i).isCloseTo(b[i], within(1e-6));
            }
        }
    }

    static Stream<Arguments> formulas() {
        return Stream.of(
                Arguments.of("5 + 0.0909*sum(x) + 7*sum(cos(x))", (Row) x -> 5 + 0.0909 * sum(x, v -> v) + 7 * sum(x, Math::cos)),
                Arguments.of("2*sum(cos(0.5*x))", (Row) x -> 2 * sum(x, v -> Math.cos(0.5 * v))),
                Arguments.of("6@x**2 + 2@x - 3", (Row) x -> 6 * sum(x, v -> v * v) + 2 * sum(x, v -> v) - 3),
                Arguments.of("sum(exp(-1.5*x)) + 3*sum(tanh(x)*abs(x))",
                        (Row) x -> sum(x, v -> Math.exp(-1.5 * v)) + 3 * sum(x, v -> Math.tanh(v) * Math.abs(v))),
                Arguments.of("sum(log(x)) + sum(sqrt(x - 2)) - 4*sum(sin(x^2))",
                        (Row) x -> sum(x, v -> v == 0 ? 0 : Math.log(Math.abs(v))) + sum(x, v -> Math.sqrt(Math.abs(v - 2)))
                                - 4 * sum(x, v -> Math.sin(v * v))),
                Arguments.of("sum(x/(x - 1)) + 0.25", (Row) x -> sum(x, v -> v == 1 ? 1 : v / (v - 1)) + 0.25));
    }

    /** Every neuron of a formula-initialized layer computes the formula, by hand and by {@link Formula#predict}. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("formulas")
    void formulaInitializedNeuronsComputeTheFormula(String formulaText, Row byHand) {
        Formula formula = Formula.parse(formulaText);
        double[][] rows = {{0.3, -1.2, 2.0, 0.0}, {1.0, 1.0, -0.5, 3.5}, {2.0, -2.0, 0.7, 1e-3}};
        try (NDManager manager = NDManager.newBaseManager()) {
            TaskNeuronLayer layer = TaskNeuronLayer.builder().setFormula(formula).setUnits(3)
                    .optInitialization(Initialization.FORMULA).build();
            layer.initialize(manager, DataType.FLOAT64, new Shape(rows.length, 4));
            double[] z = forward(layer, manager, manager.create(rows));

            for (int r = 0; r < rows.length; r++) {
                for (int o = 0; o < 3; o++) {
                    assertThat(z[r * 3 + o]).as("row %d neuron %d", r, o)
                            .isCloseTo(byHand.value(rows[r]), within(1e-9))
                            .isCloseTo(formula.predict(rows[r]), within(1e-9));
                }
            }
        }
    }

    @Test
    void innerConstantIsAParameterPerNeuronAndInput() {
        Formula formula = Formula.parse("2*sum(cos(0.5*x))");
        double[][] rows = {{1.0, -2.0}, {0.5, 3.0}};
        try (NDManager manager = NDManager.newBaseManager()) {
            TaskNeuronLayer layer = TaskNeuronLayer.builder().setFormula(formula).setUnits(2)
                    .optInitialization(Initialization.FORMULA).build();
            layer.initialize(manager, DataType.FLOAT64, new Shape(2, 2));
            NDArray theta = layer.getParameters().get("term0_theta0").getArray();
            assertThat(theta.getShape()).isEqualTo(new Shape(2, 2));
            assertThat(theta.toDoubleArray()).containsOnly(0.5);
            // Neuron 1 gets its own constants 0.25 and 2 for inputs 0 and 1, and weights 1 and −1.
            theta.set(new NDIndex("1, :"), manager.create(new double[] {0.25, 2.0}));
            layer.getParameters().get("term0_weight").getArray().set(new NDIndex("1, :"),
                    manager.create(new double[] {1.0, -1.0}));
            layer.getParameters().get("bias").getArray().set(new NDIndex("1"), 0.75);

            double[] z = forward(layer, manager, manager.create(rows));

            for (int r = 0; r < rows.length; r++) {
                double[] x = rows[r];
                assertThat(z[r * 2]).isCloseTo(2 * Math.cos(0.5 * x[0]) + 2 * Math.cos(0.5 * x[1]), within(1e-12));
                assertThat(z[r * 2 + 1]).isCloseTo(0.75 + Math.cos(0.25 * x[0]) - Math.cos(2.0 * x[1]), within(1e-12));
            }
        }
    }

    @Test
    void parametersAreNamedAndShapedPerTerm() {
        Formula formula = Formula.parse("3*sum(cos(0.5*x + 1)) + sum(x^2)");
        try (NDManager manager = NDManager.newBaseManager()) {
            TaskNeuronLayer layer = TaskNeuronLayer.builder().setFormula(formula).setUnits(4).build();
            layer.initialize(manager, DataType.FLOAT32, new Shape(1, 5));

            assertThat(layer.isFused()).isFalse();
            assertThat(layer.getParameters().keys()).containsExactlyInAnyOrder(
                    "term0_weight", "term1_weight", "term1_theta0", "term1_theta1", "bias");
            long scalars = layer.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            assertThat(scalars).isEqualTo(layer.parameterCount(5)).isEqualTo(4 * 5 * (1 + 3) + 4);
        }
    }

    @Test
    void formulaWithoutTermsIsRejected() {
        assertThatThrownBy(() -> TaskNeuronLayer.builder().setFormula(Formula.parse("3")).setUnits(2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("formula has no terms");
        assertThatThrownBy(() -> TaskNeuronLayer.builder().setFormula(Formula.parse("sum(x)")).setUnits(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("units");
    }

    @Test
    void inputMustBeABatchOfRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TaskNeuronLayer layer = layer(Formula.parse("sum(x)"), 2, true);
            assertThatThrownBy(() -> layer.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 4)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(batch, inputs)");
        }
    }

    private static TaskNeuronLayer layer(Formula formula, int units, boolean fused) {
        return TaskNeuronLayer.builder().setFormula(formula).setUnits(units).optFused(fused).optSeed(7).build();
    }

    /** W_t of the per-term layer := column block t of the fused weight, and the same bias. */
    private static void copyFusedWeights(TaskNeuronLayer fused, TaskNeuronLayer perTerm, int inputs) {
        NDArray weight = fused.getParameters().get("weight").getArray();
        for (int t = 0; t < fused.formula().terms().size(); t++) {
            NDArray block = weight.get(new NDIndex(":, {}:{}", t * inputs, (t + 1) * inputs));
            perTerm.getParameters().get("term" + t + "_weight").getArray().set(new NDIndex(":, :"), block);
        }
        Parameter bias = perTerm.getParameters().get("bias");
        bias.getArray().set(new NDIndex(":"), fused.getParameters().get("bias").getArray());
    }

    static double[] forward(Block block, NDManager manager, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow()
                .toType(DataType.FLOAT64, false).toDoubleArray();
    }

    private static double sum(double[] x, DoubleUnaryOperator g) {
        double total = 0;
        for (double v : x) {
            total += g.applyAsDouble(v);
        }
        return total;
    }

    @FunctionalInterface
    interface Row {
        double value(double[] x);
    }

    static double[][] randomRows(int rows, int columns, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextDouble(-2, 2);
            }
        }
        return values;
    }
}
