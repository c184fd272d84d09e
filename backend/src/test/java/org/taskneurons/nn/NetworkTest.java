package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.sr.Formula;

class NetworkTest {
    private static final Formula POLYNOMIAL = Formula.parse("6@x**2 + 2@x - 3");
    private static final Formula WITH_CONSTANTS = Formula.parse("5 + 0.0909*sum(x) + 7*sum(cos(0.5*x))");

    /** Counts worked out by hand: per layer out·in·(terms + inner constants) + out, linear out·(in + 1), quadratic 3·out·(in + 1). */
    static Stream<Arguments> counts() {
        Structure single = Structure.of(Output.regression(1), HiddenActivation.RELU);
        Structure paper = Structure.of(Output.regression(1), HiddenActivation.RELU, 2);
        Structure deep = Structure.of(Output.classification(3), HiddenActivation.TANH, 10, 5);
        return Stream.of(
                Arguments.of(Neuron.linear(), 10, single, 11L),
                Arguments.of(Neuron.linear(), 10, paper, 2 * 11 + 3L),
                Arguments.of(Neuron.linear(), 8, deep, 10 * 9 + 5 * 11 + 3 * 6L),
                Arguments.of(Neuron.taskBased(POLYNOMIAL), 10, single, 10 * 2 + 1L),
                Arguments.of(Neuron.taskBased(POLYNOMIAL), 8, deep, (10 * 8 * 2 + 10) + (5 * 10 * 2 + 5) + (3 * 5 * 2 + 3L)),
                Arguments.of(Neuron.taskBased(WITH_CONSTANTS), 4, paper, (2 * 4 * 3 + 2) + (1 * 2 * 3 + 1L)),
                Arguments.of(Neuron.quadratic(), 10, paper, 3 * 2 * 11 + 3 * 3L),
                Arguments.of(Neuron.quadratic(), 8, deep, 3 * (10 * 9 + 5 * 11 + 3 * 6L)),
                Arguments.of(Neuron.randomPolynomial(new RandomPowers(List.of(1, 4, 6))), 10, paper,
                        (2 * 10 * 3 + 2) + (1 * 2 * 3 + 1L)),
                Arguments.of(Neuron.randomPolynomial(POLYNOMIAL, 3), 8, deep,
                        (10 * 8 * 2 + 10) + (5 * 10 * 2 + 5) + (3 * 5 * 2 + 3L)));
    }

    @ParameterizedTest(name = "{0} on {1} inputs, {2}")
    @MethodSource("counts")
    void parameterCountIsExact(Neuron neuron, int inputs, Structure structure, long expected) {
        Network network = new Network(inputs, structure, neuron);
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock block = network.newBlock(Initialization.DJL_DEFAULT, 1);
            block.initialize(manager, DataType.FLOAT32, new Shape(2, inputs));
            long scalars = block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();

            assertThat(network.parameterCount()).isEqualTo(expected).isEqualTo(scalars);
            assertThat(block.getOutputShapes(new Shape[] {new Shape(2, inputs)})[0])
                    .isEqualTo(new Shape(2, structure.output().size()));
        }
    }

    @Test
    void shrinkKeepsTheLargestProportionalWidthsWithinTheOrdinaryNetworksCount() {
        Structure structure = Structure.of(Output.regression(1), HiddenActivation.RELU, 10, 5);
        Network ordinary = new Network(10, structure, Neuron.linear());
        Network taskBased = ordinary.withNeuron(Neuron.taskBased(POLYNOMIAL));

        ParameterMatch match = taskBased.shrinkTo(ordinary.parameterCount());

        // Linear 10-10-5-1: 110 + 55 + 6 = 171. Task-based 10-8-4-1 (s = 0.8): 168 + 68 + 9 = 245 is too many;
        // 10-6-3-1 (s = 0.6): 126 + 39 + 7 = 172 still one too many; 10-5-2-1 (s = 0.5): 105 + 22 + 5 = 132.
        assertThat(ordinary.parameterCount()).isEqualTo(171);
        assertThat(match.hiddenWidths()).containsExactly(5, 2);
        assertThat(match.scale()).isEqualTo(0.5);
        assertThat(match.network().parameterCount()).isEqualTo(132);
        assertThat(match.withinBudget()).isTrue();
        assertThat(taskBased.withStructure(structure.withHiddenWidths(List.of(6, 3))).parameterCount()).isEqualTo(172);
    }

    @Test
    void shrinkLeavesANetworkThatFitsAsItIs() {
        Network ordinary = new Network(10, Structure.of(Output.regression(1), HiddenActivation.RELU, 10, 5), Neuron.linear());

        ParameterMatch match = ordinary.shrinkTo(ordinary.parameterCount());

        assertThat(match.hiddenWidths()).containsExactly(10, 5);
        assertThat(match.scale()).isEqualTo(1.0);
    }

    @Test
    void shrinkNeverGoesBelowOneNeuron() {
        Network quadratic = new Network(10, Structure.of(Output.regression(1), HiddenActivation.RELU, 4, 6), Neuron.quadratic());

        ParameterMatch match = quadratic.shrinkTo(20);

        assertThat(match.hiddenWidths()).containsExactly(1, 1);
        assertThat(match.withinBudget()).isFalse();
        assertThat(match.network().parameterCount()).isEqualTo(3 * 11 + 3 * 2 + 3 * 2);
    }

    @Test
    void randomPowersAreSeededDistinctAndAsManyAsTheTerms() {
        RandomPowers powers = RandomPowers.like(POLYNOMIAL, 42);

        assertThat(powers).isEqualTo(RandomPowers.like(POLYNOMIAL, 42));
        assertThat(powers.powers()).hasSize(2).doesNotHaveDuplicates().isSorted()
                .allMatch(p -> p >= 1 && p <= RandomPowers.DEFAULT_MAX_DEGREE);
        assertThat(Stream.of(1L, 2L, 3L, 4L, 5L).map(seed -> RandomPowers.like(POLYNOMIAL, seed)).distinct().count())
                .isGreaterThan(1);
        assertThat(powers.formula().terms()).hasSize(2);
        assertThat(powers.formula().isPolynomial()).isTrue();
    }

    @Test
    void badStructuresAreRejectedNamingTheField() {
        assertThatThrownBy(() -> Structure.of(Output.regression(1), HiddenActivation.RELU, 3, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hiddenWidths");
        assertThatThrownBy(() -> Output.classification(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output size");
        assertThatThrownBy(() -> new Network(0, Structure.of(Output.regression(1), HiddenActivation.RELU), Neuron.linear()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputs");
        assertThatThrownBy(() -> Neuron.taskBased(Formula.parse("3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("formula");
        assertThatThrownBy(() -> new Neuron(NeuronType.TASK_BASED, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("formula");
        assertThatThrownBy(() -> new RandomPowers(List.of(2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("powers");
        assertThatThrownBy(() -> RandomPowers.draw(5, 3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("termCount");
        assertThatThrownBy(() -> Neuron.linear().layer(3, Initialization.FORMULA, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialization FORMULA");
    }
}
