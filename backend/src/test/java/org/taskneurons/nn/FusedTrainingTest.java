package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.TaskKind;
import org.taskneurons.sr.Formula;

/**
 * The fused path against the DJL path through {@link Training}: same initial weights, same row
 * order, PyTorch's update rules and the same rule for steps whose gradients are all zero, so the
 * two trajectories agree to float rounding; and the engine rule.
 */
class FusedTrainingTest {
    private static final Dataset TRAIN = SmallData.regression("train", 16, 4, 1);
    private static final Dataset BLOBS = SmallData.blobs("blobs", 16, 3);
    private static final Dataset NONE = TRAIN.select(new int[0]);
    private static final Structure HIDDEN = Structure.of(Output.regression(1), HiddenActivation.TANH, 3);
    /** Zero inputs and zero biases: every ReLU unit of the hidden layer sits at 0, where its gradient is 0. */
    private static final Structure DEAD_REGRESSION = Structure.of(Output.regression(1), HiddenActivation.RELU, 4);
    private static final Structure DEAD_CLASSIFIER = Structure.of(Output.classification(2), HiddenActivation.RELU, 4);

    static Stream<Arguments> runs() {
        TrainingSettings oneStepPerEpoch = TrainingSettings.defaults().withEpochs(20).withBatchSize(16).withSeed(3)
                .withInitialization(Initialization.TORCH_DEFAULT);
        TrainingSettings dead = oneStepPerEpoch.withEpochs(10).withInitialization(Initialization.DJL_DEFAULT)
                .withOptimizer(OptimizerKind.ADAM).withLearningRate(0.05);
        Network linear = new Network(4, HIDDEN, Neuron.linear());
        Network quadratic = new Network(4, HIDDEN, Neuron.quadratic());
        Network taskBased = new Network(4, HIDDEN, Neuron.taskBased(Formula.parse("6@x**2 + 2@x - 3")));
        Network constants = new Network(4, HIDDEN, Neuron.taskBased(Formula.parse("sum(x^2) + 2*sum(cos(0.5*x))")));
        Network classifier = new Network(2, Structure.of(Output.classification(3), HiddenActivation.SIGMOID, 4),
                Neuron.linear());
        return Stream.of(
                Arguments.of("rmsprop, linear", linear, TRAIN, oneStepPerEpoch.withOptimizer(OptimizerKind.RMSPROP)
                        .withLearningRate(0.01)),
                Arguments.of("rmsprop with weight decay, task-based", taskBased, TRAIN,
                        oneStepPerEpoch.withOptimizer(OptimizerKind.RMSPROP).withWeightDecay(0.01)),
                Arguments.of("adam, quadratic", quadratic, TRAIN, oneStepPerEpoch.withOptimizer(OptimizerKind.ADAM)
                        .withLearningRate(0.01)),
                Arguments.of("adam with weight decay, inner constants", constants, TRAIN,
                        oneStepPerEpoch.withOptimizer(OptimizerKind.ADAM).withWeightDecay(0.01)),
                Arguments.of("sgd, linear", linear, TRAIN, oneStepPerEpoch.withOptimizer(OptimizerKind.SGD)
                        .withLearningRate(0.1).withMomentum(0)),
                Arguments.of("sgd with momentum and weight decay, task-based", taskBased, TRAIN,
                        oneStepPerEpoch.withOptimizer(OptimizerKind.SGD).withLearningRate(0.05).withMomentum(0.9)
                                .withWeightDecay(0.01)),
                Arguments.of("adam, classification", classifier, BLOBS, oneStepPerEpoch.withOptimizer(OptimizerKind.ADAM)
                        .withLearningRate(0.05)),
                Arguments.of("rmsprop, shuffled batches of 4", linear, TRAIN, oneStepPerEpoch.withBatchSize(4).withEpochs(5)
                        .withOptimizer(OptimizerKind.RMSPROP).withLearningRate(0.01)),
                Arguments.of("dead network, every gradient zero: no step ever", new Network(2, DEAD_REGRESSION,
                        Neuron.linear()), deadInputs(new double[] {1, -1}, TaskKind.REGRESSION), dead),
                Arguments.of("dead network, first batches with zero gradients are skipped", new Network(2,
                        DEAD_REGRESSION, Neuron.linear()), deadInputs(new double[] {0, 0, 0, 0, 0, 0, 0, 1},
                        TaskKind.REGRESSION), dead.withBatchSize(2).withEpochs(4)),
                Arguments.of("dead hidden layer, output-bias gradients that sum to zero still step", new Network(2,
                        DEAD_CLASSIFIER, Neuron.linear()), deadInputs(new double[] {0, 0, 0, 1}, TaskKind.CLASSIFICATION),
                        dead));
    }

    /**
     * 16 rows of two features that are zero everywhere, the targets repeating {@code pattern}. The
     * network's output is its output bias until that moves, so a batch's gradients are its output
     * bias's: all zero where the residuals cancel, non-zero but summing to zero for a softmax.
     */
    private static Dataset deadInputs(double[] pattern, TaskKind kind) {
        double[] target = new double[16];
        for (int row = 0; row < target.length; row++) {
            target[row] = pattern[row % pattern.length];
        }
        return Dataset.of("dead", List.of("x1", "x2"), new double[2][target.length], target, "y", kind,
                kind == TaskKind.CLASSIFICATION ? List.of("no", "yes") : List.of());
    }

    /** With one batch per epoch the epoch losses are the losses of the first 20 steps, before each step. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void followsTheDjlTrajectory(String name, Network network, Dataset data, TrainingSettings settings) {
        Run djl = train(network, data, settings.withEngine(TrainingEngine.DJL));
        Run fused = train(network, data, settings.withEngine(TrainingEngine.FUSED));

        assertThat(djl.engine).isEqualTo(TrainingEngine.DJL);
        assertThat(fused.engine).isEqualTo(TrainingEngine.FUSED);
        for (int step = 0; step < djl.losses.size(); step++) {
            double expected = djl.losses.get(step);
            assertThat(Math.abs(fused.losses.get(step) - expected)).as("loss of epoch %d: fused %s, DJL %s", step + 1,
                    fused.losses.get(step), expected).isLessThanOrEqualTo(1e-4 * Math.max(1e-2, Math.abs(expected)));
        }
        for (int i = 0; i < djl.parameters.size(); i++) {
            double expected = djl.parameters.get(i);
            assertThat(Math.abs(fused.parameters.get(i) - expected)).as("parameter %d: fused %s, DJL %s", i,
                    fused.parameters.get(i), expected).isLessThanOrEqualTo(1e-4 * Math.max(1, Math.abs(expected)));
        }
    }

    @Test
    void sameSeedGivesBitIdenticalRuns() {
        Network network = new Network(4, HIDDEN, Neuron.quadratic());
        TrainingSettings settings = TrainingSettings.defaults().withEpochs(10).withBatchSize(5).withSeed(8)
                .withEngine(TrainingEngine.FUSED);

        Run first = train(network, TRAIN, settings);
        Run second = train(network, TRAIN, settings);

        assertThat(second.losses).isEqualTo(first.losses);
        assertThat(second.parameters).isEqualTo(first.parameters);
        assertThat(train(network, TRAIN, settings.withSeed(9)).parameters).isNotEqualTo(first.parameters);
    }

    @Test
    void autoTakesTheFusedPathForSmallNetworksOnTheCpu() {
        Network paperOrdinary = new Network(10, Structure.of(Output.regression(1), HiddenActivation.RELU, 2), Neuron.linear());
        Network paperTaskBased = new Network(10, Structure.of(Output.regression(1), HiddenActivation.RELU),
                Neuron.taskBased(Formula.parse("6@x**2 + 2@x - 3")));
        Network wide = new Network(100, Structure.of(Output.regression(1), HiddenActivation.RELU, 512, 512), Neuron.linear());

        assertThat(TrainingEngine.AUTO.resolve(paperOrdinary, 10, Device.cpu())).isEqualTo(TrainingEngine.FUSED);
        assertThat(TrainingEngine.AUTO.resolve(paperTaskBased, 256, Device.cpu())).isEqualTo(TrainingEngine.FUSED);
        assertThat(TrainingEngine.AUTO.resolve(wide, 256, Device.cpu())).isEqualTo(TrainingEngine.DJL);
        assertThat(TrainingEngine.AUTO.resolve(paperOrdinary, 10, Device.gpu())).isEqualTo(TrainingEngine.DJL);
        assertThat(TrainingEngine.FUSED.resolve(wide, 256, Device.gpu())).isEqualTo(TrainingEngine.FUSED);
        assertThat(TrainingEngine.DJL.resolve(paperOrdinary, 10, Device.cpu())).isEqualTo(TrainingEngine.DJL);
    }

    @Test
    void enginesAreNamedInLowerCase() {
        assertThat(TrainingEngine.of("Fused")).isEqualTo(TrainingEngine.FUSED);
        assertThat(TrainingEngine.AUTO.label()).isEqualTo("auto");
        assertThatThrownBy(() -> TrainingEngine.of("gpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gpu'").hasMessageContaining("auto, djl, fused");
    }

    private static Run train(Network network, Dataset data, TrainingSettings settings) {
        List<Double> losses = new ArrayList<>();
        try (TrainedNetwork trained = Training.builder().setSettings(settings)
                .optListener(report -> losses.add(report.trainLoss())).build().fit(network, data, NONE)) {
            List<Float> parameters = new ArrayList<>();
            for (Parameter parameter : trained.model().getBlock().getParameters().values()) {
                for (float value : parameter.getArray().toFloatArray()) {
                    parameters.add(value);
                }
            }
            return new Run(losses, parameters, trained.summary().orElseThrow().engine());
        }
    }

    private record Run(List<Double> losses, List<Float> parameters, TrainingEngine engine) {
    }
}
