package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.sr.Formula;

/**
 * The fused path's loss and gradients against DJL's autograd on the same network, parameters
 * and batch, in float64: every layer type, activation and output.
 */
class FusedNetworkTest {
    private static final int ROWS = 7;
    private static final int INPUTS = 4;
    private static final String CONSTANTS =
            "2*sum(cos(0.5*x)) + sum(x/(x - 3)) + sum(log(x + 2)) - sum(exp(0.3*x)*sqrt(x + 4)) + sum(abs(x)*tanh(x))";

    static Stream<Arguments> networks() {
        Output regression = Output.regression(1);
        Output classes = Output.classification(3);
        Formula paper = Formula.parse("6@x**2 + 2@x - 3");
        return Stream.of(
                Arguments.of("linear 4-3-1 relu", network(Structure.of(regression, HiddenActivation.RELU, 3), Neuron.linear())),
                Arguments.of("linear 4-5-3-3 sigmoid, classification",
                        network(Structure.of(classes, HiddenActivation.SIGMOID, 5, 3), Neuron.linear())),
                Arguments.of("linear 4-3-2 tanh, two targets",
                        network(Structure.of(Output.regression(2), HiddenActivation.TANH, 3), Neuron.linear())),
                Arguments.of("quadratic 4-3-1 relu", network(Structure.of(regression, HiddenActivation.RELU, 3), Neuron.quadratic())),
                Arguments.of("quadratic 4-3-3 tanh, classification",
                        network(Structure.of(classes, HiddenActivation.TANH, 3), Neuron.quadratic())),
                Arguments.of("task-based 4-1, fused polynomial", network(Structure.of(regression, HiddenActivation.RELU),
                        Neuron.taskBased(paper))),
                Arguments.of("task-based 4-3-1 sigmoid, fused polynomial",
                        network(Structure.of(regression, HiddenActivation.SIGMOID, 3), Neuron.taskBased(paper))),
                Arguments.of("random-polynomial 4-2-3 relu, classification",
                        network(Structure.of(classes, HiddenActivation.RELU, 2),
                                Neuron.randomPolynomial(new RandomPowers(List.of(1, 3, 4))))),
                Arguments.of("task-based 4-3-1 tanh, per-term polynomial", perTerm(paper)),
                Arguments.of("task-based 4-3-1 tanh, inner constants",
                        network(Structure.of(regression, HiddenActivation.TANH, 3), Neuron.taskBased(Formula.parse(CONSTANTS)))),
                Arguments.of("task-based 4-2-3 relu, classification, inner constants",
                        network(Structure.of(classes, HiddenActivation.RELU, 2),
                                Neuron.taskBased(Formula.parse("sum(x^3) + 2*sum(sin(1.5*x))")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void gradientsEqualAutograd(String name, Case example) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = example.block.apply(example.network);
            block.initialize(manager, DataType.FLOAT64, new Shape(ROWS, INPUTS));
            perturb(block);
            double[][] rows = TaskNeuronLayerTest.randomRows(ROWS, INPUTS, 5);
            double[] targets = targets(example.network);

            NDArray x = manager.create(rows).div(2);
            Output output = example.network.structure().output();
            NDArray labels = output.isClassification()
                    ? manager.create(Arrays.stream(targets).mapToLong(t -> (long) t).toArray(), new Shape(ROWS, 1))
                    : manager.create(targets, new Shape(ROWS, 1));
            Loss loss = output.isClassification() ? new CrossEntropyLoss() : new MeanSquaredErrorLoss();
            double djlLoss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray prediction = block.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
                NDArray value = loss.evaluate(new NDList(labels), new NDList(prediction));
                collector.backward(value);
                djlLoss = value.getDouble();
            }

            FusedNetwork fused = FusedNetwork.of(example.network, block, ROWS);
            double[] halved = x.toDoubleArray();
            System.arraycopy(halved, 0, fused.input(), 0, halved.length);
            double fusedLoss = fused.lossAndGradients(targets, ROWS);

            assertThat(fusedLoss).as("loss").isCloseTo(djlLoss, within(1e-9 * Math.max(1, djlLoss)));
            int at = 0;
            for (Parameter parameter : block.getParameters().values()) {
                double[] expected = parameter.getArray().getGradient().toDoubleArray();
                for (int i = 0; i < expected.length; i++) {
                    double actual = fused.gradients()[at + i];
                    assertThat(Math.abs(actual - expected[i])).as("%s %s[%d]: fused %s, autograd %s", name,
                            parameter.getName(), i, actual, expected[i])
                            .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(expected[i])));
                }
                at += expected.length;
            }
            assertThat(at).isEqualTo(fused.parameters().length);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void writesItsParametersBackIntoTheBlock(String name, Case example) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = example.block.apply(example.network);
            block.initialize(manager, DataType.FLOAT32, new Shape(ROWS, INPUTS));
            FusedNetwork fused = FusedNetwork.of(example.network, block, ROWS);
            double[] parameters = fused.parameters();
            for (int i = 0; i < parameters.length; i++) {
                parameters[i] = i * 0.25;
            }
            fused.writeTo(block);
            assertThat(FusedNetwork.of(example.network, block, ROWS).parameters()).containsExactly(parameters);
        }
    }

    private static Case network(Structure structure, Neuron neuron) {
        Network network = new Network(INPUTS, structure, neuron);
        return new Case(network, n -> n.newBlock(Initialization.TORCH_DEFAULT, 3));
    }

    /** The block's per-term layout, which {@link Network#newBlock} does not choose for a polynomial. */
    private static Case perTerm(Formula formula) {
        Network network = new Network(INPUTS, Structure.of(Output.regression(1), HiddenActivation.TANH, 3),
                Neuron.taskBased(formula));
        return new Case(network, n -> new SequentialBlock()
                .add(TaskNeuronLayer.builder().setFormula(formula).setUnits(3).optFused(false).optSeed(1).build())
                .add(HiddenActivation.TANH.block())
                .add(TaskNeuronLayer.builder().setFormula(formula).setUnits(1).optFused(false).optSeed(2).build()));
    }

    /** Moves every parameter off its start (quadratic neurons start with zero W_g and W_b, which hides errors). */
    private static void perturb(Block block) {
        SplittableRandom random = new SplittableRandom(17);
        for (Parameter parameter : block.getParameters().values()) {
            NDArray array = parameter.getArray();
            double[] values = array.toDoubleArray();
            for (int i = 0; i < values.length; i++) {
                values[i] += 0.3 * random.nextGaussian();
            }
            array.set(values);
        }
    }

    private static double[] targets(Network network) {
        SplittableRandom random = new SplittableRandom(9);
        Output output = network.structure().output();
        double[] targets = new double[ROWS];
        for (int r = 0; r < ROWS; r++) {
            targets[r] = output.isClassification() ? random.nextInt(output.size()) : random.nextDouble(-1, 1);
        }
        return targets;
    }

    /** A network and how its DJL block is built. */
    record Case(Network network, Function<Network, Block> block) {
        @Override
        public String toString() {
            return network.toString();
        }
    }
}
