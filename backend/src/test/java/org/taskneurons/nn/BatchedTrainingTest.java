package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.Dataset;
import org.taskneurons.evaluation.Metrics;
import org.taskneurons.sr.Formula;

/**
 * K trials in one batched pass against K separate runs on the fused path with the same seeds:
 * every trial, with its own rows, seed, learning rate and weight decay, ends where its own run
 * ends, epoch by epoch and in its test metrics; stopping, divergence and cancellation are per
 * trial.
 */
class BatchedTrainingTest {
    /** Five trials: not a multiple of any vector width, so the loops' remainders run as well. */
    private static final int TRIALS = 5;
    static final Structure TANH = Structure.of(Output.regression(1), HiddenActivation.TANH, 3);
    static final Structure RELU = Structure.of(Output.regression(1), HiddenActivation.RELU, 4, 2);
    private static final Structure CLASSES = Structure.of(Output.classification(3), HiddenActivation.SIGMOID, 4);
    static final TrainingSettings BASE = TrainingSettings.defaults().withEpochs(12).withBatchSize(7)
            .withInitialization(Initialization.TORCH_DEFAULT).withEngine(TrainingEngine.FUSED);

    record Data(Dataset train, Dataset validation, Dataset test) {
    }

    /** Each trial's learning rate as a multiple of the case's. */
    private static final double[] RATES = {1, 1.5, 2, 2.5, 3};
    /** Trials 1 and 3 at a rate that makes them diverge. */
    static final double[] WILD_RATES = {1, 1000, 1, 1000, 1};

    static Stream<Arguments> cases() {
        Formula polynomial = Formula.parse("6@x**2 + 2@x - 3");
        Formula constants = Formula.parse("sum(x^2) + 2*sum(cos(0.5*x))");
        TrainingSettings rmsprop = BASE.withOptimizer(OptimizerKind.RMSPROP).withLearningRate(0.01);
        TrainingSettings adam = BASE.withOptimizer(OptimizerKind.ADAM).withLearningRate(0.01);
        TrainingSettings sgd = BASE.withOptimizer(OptimizerKind.SGD).withLearningRate(0.05).withMomentum(0.9);
        return Stream.of(
                Arguments.of("task-based, one layer, rmsprop, regression",
                        new Network(4, Structure.of(Output.regression(1), HiddenActivation.RELU), Neuron.taskBased(polynomial)),
                        false, rmsprop.withLearningRate(0.001), RATES),
                Arguments.of("task-based, hidden, inner constants, adam, regression",
                        new Network(4, TANH, Neuron.taskBased(constants)), false, adam, RATES),
                Arguments.of("task-based, hidden, sgd with momentum, classification",
                        new Network(2, CLASSES, Neuron.taskBased(polynomial)), true, sgd, RATES),
                Arguments.of("ordinary, relu 4-2, rmsprop, regression", new Network(4, RELU, Neuron.linear()), false, rmsprop,
                        RATES),
                Arguments.of("ordinary, sigmoid, adam, classification", new Network(2, CLASSES, Neuron.linear()), true,
                        adam.withLearningRate(0.05), RATES),
                Arguments.of("quadratic, tanh, adam, regression", new Network(4, TANH, Neuron.quadratic()), false, adam,
                        RATES),
                Arguments.of("quadratic, sigmoid, rmsprop, classification", new Network(2, CLASSES, Neuron.quadratic()), true,
                        rmsprop, RATES),
                Arguments.of("ordinary, early stopping with patience 2, regression", new Network(4, TANH, Neuron.linear()),
                        false, adam.withLearningRate(0.2).withPatience(2).withEpochs(30), RATES),
                Arguments.of("quadratic, some trials diverge, regression", new Network(4, RELU, Neuron.quadratic()), false,
                        sgd.withLearningRate(0.01), WILD_RATES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyTrialEndsWhereItsOwnRunEnds(String name, Network network, boolean classification,
                                          TrainingSettings settings, double[] rates) {
        List<Data> data = new ArrayList<>();
        List<BatchedTraining.Trial> trials = new ArrayList<>();
        for (int t = 0; t < TRIALS; t++) {
            data.add(data(classification, t));
            trials.add(trial(settings, rates[t], t, data.get(t), () -> false));
        }

        List<BatchedTraining.TrialResult> results = BatchedTraining.fit(network, trials);

        for (int t = 0; t < TRIALS; t++) {
            BatchedTraining.Trial trial = trials.get(t);
            try (TrainedNetwork alone = Training.builder().setSettings(trial.settings()).build()
                    .fit(network, trial.train(), trial.validation());
                 TrainedNetwork batched = results.get(t).network()) {
                TrainingSummary expected = alone.summary().orElseThrow();
                TrainingSummary actual = batched.summary().orElseThrow();
                assertThat(actual.engine()).isEqualTo(TrainingEngine.FUSED);
                assertThat(actual.epochs()).as("trial %d: epochs", t).hasSameSizeAs(expected.epochs());
                for (int e = 0; e < expected.epochs().size(); e++) {
                    assertThat(Double.valueOf(actual.epochs().get(e).trainLoss()))
                            .as("trial %d, epoch %d: training loss", t, e + 1)
                            .isEqualTo(Double.valueOf(expected.epochs().get(e).trainLoss()));
                    assertThat(actual.epochs().get(e).validationLoss()).as("trial %d, epoch %d: validation loss", t, e + 1)
                            .isEqualTo(expected.epochs().get(e).validationLoss());
                }
                assertThat(actual.bestEpoch()).as("trial %d: best epoch", t).isEqualTo(expected.bestEpoch());
                assertThat(actual.stoppedEarly()).as("trial %d: stopped early", t).isEqualTo(expected.stoppedEarly());
                assertThat(actual.diverged()).as("trial %d: diverged", t).isEqualTo(expected.diverged());
                Dataset test = data.get(t).test();
                int trialIndex = t;
                Map<String, Double> expectedMetrics = Metrics.of(test, alone.predictScaled(test));
                Map<String, Double> actualMetrics = Metrics.of(test, batched.predictScaled(test));
                assertThat(actualMetrics.keySet()).isEqualTo(expectedMetrics.keySet());
                expectedMetrics.forEach((metric, value) -> {
                    if (value.isNaN()) {
                        assertThat(actualMetrics.get(metric)).as("trial %d: test %s", trialIndex, metric).isNaN();
                    } else {
                        assertThat(actualMetrics.get(metric)).as("trial %d: test %s", trialIndex, metric)
                                .isCloseTo(value, offset(1e-9));
                    }
                });
            }
        }
    }

    @Test
    void theDivergingCaseHasTrialsThatDivergeAndTrialsThatDoNot() {
        Arguments diverging = cases().reduce((a, b) -> b).orElseThrow();
        Network network = (Network) diverging.get()[1];
        TrainingSettings settings = (TrainingSettings) diverging.get()[3];
        List<BatchedTraining.Trial> trials = new ArrayList<>();
        for (int t = 0; t < TRIALS; t++) {
            trials.add(trial(settings, WILD_RATES[t], t, data(false, t), () -> false));
        }
        List<Boolean> diverged = BatchedTraining.fit(network, trials).stream().map(result -> {
            try (TrainedNetwork trained = result.network()) {
                return trained.summary().orElseThrow().diverged();
            }
        }).toList();

        assertThat(diverged).containsExactly(false, true, false, true, false);
    }

    @Test
    void cancellingOneTrialStopsOnlyThatTrial() {
        Network network = new Network(4, TANH, Neuron.linear());
        AtomicInteger epochsSeen = new AtomicInteger();
        List<BatchedTraining.Trial> trials = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            BatchedTraining.Trial trial = trial(BASE, 1, t, data(false, t), t == 1 ? () -> epochsSeen.get() >= 4 : () -> false);
            trials.add(t != 1 ? trial : new BatchedTraining.Trial(trial.settings(), trial.train(), trial.validation(),
                    trial.scaler(), report -> epochsSeen.incrementAndGet(), trial.cancelled()));
        }

        List<BatchedTraining.TrialResult> results = BatchedTraining.fit(network, trials);

        assertThat(results.get(1).isCancelled()).isTrue();
        assertThat(results.get(1).cancellation()).hasMessage("training cancelled before epoch 5");
        assertThat(epochsSeen).hasValue(4);
        for (int t : new int[] {0, 2}) {
            try (TrainedNetwork trained = results.get(t).network()) {
                assertThat(trained.summary().orElseThrow().epochs()).hasSize(BASE.epochs());
            }
        }
    }

    @Test
    void oneTrialTrainsAsItsOwnRunAndStopsWhenCancelled() {
        Network network = new Network(4, TANH, Neuron.linear());
        BatchedTraining.Trial trial = trial(BASE, 1, 0, data(false, 0), () -> false);

        try (TrainedNetwork batched = BatchedTraining.fit(network, List.of(trial)).get(0).network();
             TrainedNetwork alone = Training.builder().setSettings(trial.settings()).build()
                     .fit(network, trial.train(), trial.validation())) {
            assertThat(batched.summary().orElseThrow().epochs().stream().map(EpochReport::trainLoss).toList())
                    .isEqualTo(alone.summary().orElseThrow().epochs().stream().map(EpochReport::trainLoss).toList());
        }
        BatchedTraining.Trial cancelled = new BatchedTraining.Trial(trial.settings(), trial.train(), trial.validation(),
                trial.scaler(), trial.listener(), () -> true);
        assertThat(BatchedTraining.fit(network, List.of(cancelled)).get(0).isCancelled()).isTrue();
    }

    @Test
    void refusesTrialsThatCannotStepTogether() {
        Network network = new Network(4, TANH, Neuron.linear());
        Data small = data(false, 0);
        Data other = new Data(SmallData.regression("train", 41, 4, 9), small.validation(), small.test());
        assertThatThrownBy(() -> BatchedTraining.fit(network, List.of(trial(BASE, 1, 0, small, () -> false),
                trial(BASE, 1, 1, other, () -> false))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trial 1 has 41 training rows, trial 0 40: the trials of one batch must agree");
        assertThatThrownBy(() -> BatchedTraining.fit(network, List.of(trial(BASE, 1, 0, small, () -> false),
                trial(BASE.withEpochs(3), 1, 1, small, () -> false))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trial 1 has 3 epochs, trial 0 12: the trials of one batch must agree");
    }

    /** Trial t: its own seed, rows, learning rate ({@code rate} times the settings') and weight decay. */
    static BatchedTraining.Trial trial(TrainingSettings settings, double rate, int t, Data data,
                                               BooleanSupplier cancelled) {
        TrainingSettings own = settings.withSeed(10 + t).withLearningRate(settings.learningRate() * rate)
                .withWeightDecay(t % 2 == 0 ? 0.0 : 1e-3);
        return new BatchedTraining.Trial(own, data.train(), data.validation(),
                ModelManifest.identityScaler(data.train().featureCount()), EpochListener.NONE, cancelled);
    }

    static Data data(boolean classification, int t) {
        if (classification) {
            return new Data(SmallData.blobs("train", 40, 100 + t), SmallData.blobs("validation", 11, 200 + t),
                    SmallData.blobs("test", 30, 300 + t));
        }
        return new Data(SmallData.regression("train", 40, 4, 100 + t), SmallData.regression("validation", 11, 4, 200 + t),
                SmallData.regression("test", 30, 4, 300 + t));
    }
}
