package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.Dataset;
import org.taskneurons.evaluation.Predictions;
import org.taskneurons.sr.Formula;

class TrainingTest {
    private static final Dataset TRAIN = SmallData.regression("train", 160, 4, 1);
    private static final Dataset VALIDATION = SmallData.regression("validation", 60, 4, 2);
    private static final Dataset NONE = TRAIN.select(new int[0]);
    private static final Formula FORMULA = Formula.parse("0.5*sum(x^2) - 0.3*sum(x)");
    private static final TrainingSettings SETTINGS = TrainingSettings.defaults().withEpochs(15).withBatchSize(16).withSeed(5);

    static Stream<Arguments> networks() {
        Structure hidden = Structure.of(Output.regression(1), HiddenActivation.RELU, 6);
        return Stream.of(
                Arguments.of(new Network(4, hidden, Neuron.linear())),
                Arguments.of(new Network(4, hidden, Neuron.quadratic())),
                Arguments.of(new Network(4, hidden, Neuron.taskBased(Formula.parse("sum(x^2) + 2*sum(cos(0.5*x))")))),
                Arguments.of(new Network(4, hidden, Neuron.randomPolynomial(FORMULA, 9))));
    }

    /** Every network on both training paths. */
    static Stream<Arguments> networksOnEachEngine() {
        return networks().flatMap(arguments -> Stream.of(TrainingEngine.DJL, TrainingEngine.FUSED)
                .map(engine -> Arguments.of(arguments.get()[0], engine)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("networksOnEachEngine")
    void sameSeedGivesIdenticalParametersAndLosses(Network network, TrainingEngine engine) {
        TrainingSettings settings = SETTINGS.withEngine(engine);
        Outcome first = train(network, settings);
        Outcome second = train(network, settings);
        Outcome otherSeed = train(network, settings.withSeed(6));

        assertThat(second.losses).isEqualTo(first.losses);
        assertThat(second.parameters).isEqualTo(first.parameters);
        assertThat(otherSeed.parameters).isNotEqualTo(first.parameters);
        assertThat(first.losses.get(first.losses.size() - 1)).isLessThan(first.losses.get(0));
    }

    @ParameterizedTest
    @EnumSource(value = TrainingEngine.class, names = {"DJL", "FUSED"})
    void runsOnSeveralThreadsAtOnceGiveTheSequentialResults(TrainingEngine engine) throws Exception {
        TrainingSettings settings = SETTINGS.withEngine(engine);
        List<Network> networks = networks().map(arguments -> (Network) arguments.get()[0]).toList();
        List<Outcome> sequential = networks.stream().map(network -> train(network, settings)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(networks.size());
        try {
            List<Future<Outcome>> concurrent = new ArrayList<>();
            for (Network network : networks) {
                concurrent.add(pool.submit(() -> train(network, settings)));
            }
            for (int i = 0; i < networks.size(); i++) {
                assertThat(concurrent.get(i).get()).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void everyOptimizerLowersTheLoss(OptimizerKind optimizer) {
        Network network = new Network(4, Structure.of(Output.regression(1), HiddenActivation.RELU), Neuron.taskBased(FORMULA));
        double learningRate = optimizer == OptimizerKind.SGD ? 0.05 : 0.01;
        Outcome outcome = train(network, SETTINGS.withOptimizer(optimizer).withLearningRate(learningRate).withWeightDecay(1e-4));

        assertThat(outcome.losses.get(outcome.losses.size() - 1)).isLessThan(outcome.losses.get(0) / 4);
    }

    @ParameterizedTest
    @EnumSource(value = NeuronType.class, names = {"LINEAR", "QUADRATIC", "TASK_BASED"})
    void classifiesSeparableBlobs(NeuronType type) {
        Dataset train = SmallData.blobs("blobs", 300, 3);
        Dataset test = SmallData.blobs("blobs", 150, 4);
        Neuron neuron = switch (type) {
            case LINEAR -> Neuron.linear();
            case QUADRATIC -> Neuron.quadratic();
            default -> Neuron.taskBased(Formula.parse("sum(x^2) + sum(x)"));
        };
        Network network = new Network(2, Structure.of(Output.classification(3), HiddenActivation.RELU, 8), neuron);
        TrainingSettings settings = TrainingSettings.defaults().withLearningRate(0.01).withEpochs(60).withSeed(1);

        try (TrainedNetwork trained = Training.builder().setSettings(settings).build().fit(network, train, NONE)) {
            Predictions predictions = trained.predict(test);

            assertThat(predictions.isClassification()).isTrue();
            assertThat(accuracy(predictions, test)).isGreaterThanOrEqualTo(0.95);
            assertThat(predictions.probabilities()[0]).hasSize(3);
            assertThat(predictions.probabilities()[0][0] + predictions.probabilities()[0][1]
                    + predictions.probabilities()[0][2]).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void listenerHearsEveryEpochAndCancellationStopsBeforeTheNext() {
        List<EpochReport> reports = new ArrayList<>();
        Training training = Training.builder().setSettings(SETTINGS.withEpochs(50))
                .optListener(reports::add)
                .optCancellation(() -> reports.size() >= 3)
                .build();
        Network network = new Network(4, Structure.of(Output.regression(1), HiddenActivation.RELU), Neuron.linear());

        assertThatThrownBy(() -> training.fit(network, TRAIN, VALIDATION))
                .isInstanceOf(CancellationException.class).hasMessageContaining("epoch 4");
        assertThat(reports).extracting(EpochReport::epoch).containsExactly(1, 2, 3);
        assertThat(reports).allMatch(report -> report.validationLoss().isPresent() && report.validationMetric().isPresent());
        assertThat(reports.get(2).elapsedSeconds()).isGreaterThanOrEqualTo(reports.get(0).elapsedSeconds());
    }

    @ParameterizedTest
    @EnumSource(value = TrainingEngine.class, names = {"DJL", "FUSED"})
    void earlyStoppingRestoresTheBestEpoch(TrainingEngine engine) {
        // A wide quadratic network at a high learning rate on few rows overfits and oscillates.
        Dataset few = SmallData.regression("few", 24, 4, 7);
        Network network = new Network(4, Structure.of(Output.regression(1), HiddenActivation.RELU, 32), Neuron.quadratic());
        TrainingSettings settings = SETTINGS.withEpochs(300).withBatchSize(4).withLearningRate(0.02).withPatience(5)
                .withEngine(engine);

        try (TrainedNetwork trained = Training.builder().setSettings(settings).build().fit(network, few, VALIDATION)) {
            TrainingSummary summary = trained.summary().orElseThrow();
            double bestLoss = summary.epochs().get(summary.bestEpoch() - 1).validationLoss().getAsDouble();

            assertThat(summary.stoppedEarly()).isTrue();
            assertThat(summary.epochs()).hasSize(summary.bestEpoch() + 5);
            assertThat(summary.epochs()).allMatch(report -> report.validationLoss().getAsDouble() >= bestLoss);
            assertThat(mse(trained.predictScaled(VALIDATION), VALIDATION)).isCloseTo(bestLoss,
                    within(1e-6));
        }
    }

    @Test
    void trainsOnTheDeviceTheBuilderNames() {
        Network network = new Network(4, Structure.of(Output.regression(1), HiddenActivation.RELU), Neuron.linear());
        TrainingSettings settings = SETTINGS.withEpochs(2).withEngine(TrainingEngine.DJL);
        try (TrainedNetwork trained = Training.builder().setSettings(settings).optDevice(ComputeDevice.cpu()).build()
                .fit(network, TRAIN, NONE)) {
            assertThat(trained.summary().orElseThrow().device()).isEqualTo("cpu()");
        }
        // Without CUDA, a GPU the builder names is refused instead of quietly replaced by the CPU.
        if (Engine.getInstance().getGpuCount() == 0) {
            assertThatThrownBy(() -> Training.builder().setSettings(settings).optDevice(ComputeDevice.gpu(0)).build()
                    .fit(network, TRAIN, NONE).close())
                    .isInstanceOf(EngineException.class).hasMessageContaining("CUDA");
        }
    }

    @Test
    void reportsTheDeviceAndTheRun() {
        Network network = new Network(4, Structure.of(Output.regression(1), HiddenActivation.RELU), Neuron.linear());
        try (TrainedNetwork trained = Training.builder().setSettings(SETTINGS.withEpochs(3)).build()
                .fit(network, TRAIN, NONE)) {
            TrainingSummary summary = trained.summary().orElseThrow();

            assertThat(summary.device()).isEqualTo(ComputeDevice.preferred().label());
            assertThat(summary.epochs()).hasSize(3);
            assertThat(summary.bestEpoch()).isEqualTo(3);
            assertThat(summary.last().validationLoss()).isEmpty();
            assertThat(summary.seconds()).isPositive();
            assertThat(summary.stoppedEarly()).isFalse();
        }
    }

    @Test
    void badInputIsRejectedNamingTheField() {
        Network network = new Network(4, Structure.of(Output.regression(1), HiddenActivation.RELU), Neuron.linear());
        Training training = Training.builder().setSettings(SETTINGS).build();
        Network threeInputs = new Network(3, network.structure(), Neuron.linear());
        Network classifier = new Network(4, Structure.of(Output.classification(2), HiddenActivation.RELU), Neuron.linear());

        assertThatThrownBy(() -> training.fit(threeInputs, TRAIN, NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("train").hasMessageContaining("3 features");
        assertThatThrownBy(() -> training.fit(network, TRAIN, SmallData.regression("v", 10, 5, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validation");
        assertThatThrownBy(() -> training.fit(classifier, TRAIN, NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("train").hasMessageContaining("REGRESSION");
        assertThatThrownBy(() -> Training.builder().setSettings(SETTINGS.withPatience(3)).build().fit(network, TRAIN, NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patience");
        assertThatThrownBy(() -> training.fit(network, NONE, NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("train has no rows");
        assertThatThrownBy(() -> SETTINGS.withEpochs(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs");
        assertThatThrownBy(() -> SETTINGS.withBatchSize(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> SETTINGS.withLearningRate(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> SETTINGS.withWeightDecay(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weightDecay");
        assertThatThrownBy(() -> SETTINGS.withMomentum(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("momentum");
        assertThatThrownBy(() -> SETTINGS.withPatience(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patience");
        assertThatThrownBy(() -> Training.builder().build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("settings");
    }

    static double accuracy(Predictions predictions, Dataset data) {
        int correct = 0;
        for (int row = 0; row < data.rows(); row++) {
            correct += predictions.values()[row] == data.target()[row] ? 1 : 0;
        }
        return (double) correct / data.rows();
    }

    static double mse(Predictions predictions, Dataset data) {
        double squares = 0;
        for (int row = 0; row < data.rows(); row++) {
            double error = predictions.values()[row] - data.target()[row];
            squares += error * error;
        }
        return squares / data.rows();
    }

    private static Outcome train(Network network, TrainingSettings settings) {
        List<Double> losses = new ArrayList<>();
        try (TrainedNetwork trained = Training.builder().setSettings(settings)
                .optListener(report -> losses.add(report.trainLoss())).build().fit(network, TRAIN, NONE)) {
            List<List<Float>> parameters = new ArrayList<>();
            for (Parameter parameter : trained.model().getBlock().getParameters().values()) {
                List<Float> values = new ArrayList<>();
                for (float value : parameter.getArray().toFloatArray()) {
                    values.add(value);
                }
                parameters.add(values);
            }
            return new Outcome(losses, parameters);
        }
    }

    private record Outcome(List<Double> losses, List<List<Float>> parameters) {
    }
}
