package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.Dataset;
import org.taskneurons.evaluation.Metrics;
import org.taskneurons.nn.BatchedTrainingTest.Data;

/**
 * K trials in one pass through DJL against K separate runs on the DJL path with the same
 * seeds, on the CPU, in the cases of {@link BatchedTrainingTest}: every trial, with its own
 * rows, seed, learning rate and weight decay, trains as many epochs as its own run, stops,
 * diverges or not as it does, and ends with the same test metrics up to float32 rounding.
 *
 * <p>The tolerance: both paths compute in float32 (unit roundoff 6·10⁻⁸), the batched one with
 * batched products and its own order of sums, so each step's values differ from the single
 * run's in the last bits, and these differences grow over the 72 steps of a case without
 * changing where it ends: 10⁻⁴ relative to a metric (absolute below 1) is eighty times the
 * largest difference seen here (1.3·10⁻⁶ relative) and far below any difference between seeds.
 */
class BatchedDjlTrainingTest {
    private static final int TRIALS = 5;
    private static final double TOLERANCE = 1e-4;
    private static final TrainingSettings BASE = BatchedTrainingTest.BASE.withEngine(TrainingEngine.DJL);

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.taskneurons.nn.BatchedTrainingTest#cases")
    void everyTrialEndsWhereItsOwnRunEnds(String name, Network network, boolean classification,
                                          TrainingSettings fused, double[] rates) {
        TrainingSettings settings = fused.withEngine(TrainingEngine.DJL);
        List<Data> data = new ArrayList<>();
        List<BatchedTraining.Trial> trials = new ArrayList<>();
        for (int t = 0; t < TRIALS; t++) {
            data.add(BatchedTrainingTest.data(classification, t));
            trials.add(BatchedTrainingTest.trial(settings, rates[t], t, data.get(t), () -> false));
        }

        List<BatchedTraining.TrialResult> results = BatchedDjlTraining.fit(network, trials, ComputeDevice.cpu());

        for (int t = 0; t < TRIALS; t++) {
            BatchedTraining.Trial trial = trials.get(t);
            try (TrainedNetwork alone = Training.builder().setSettings(trial.settings()).optDevice(ComputeDevice.cpu()).build()
                    .fit(network, trial.train(), trial.validation());
                 TrainedNetwork batched = results.get(t).network()) {
                TrainingSummary expected = alone.summary().orElseThrow();
                TrainingSummary actual = batched.summary().orElseThrow();
                assertThat(actual.engine()).isEqualTo(TrainingEngine.DJL);
                assertThat(actual.epochs()).as("trial %d: epochs", t).hasSameSizeAs(expected.epochs());
                assertThat(actual.bestEpoch()).as("trial %d: best epoch", t).isEqualTo(expected.bestEpoch());
                assertThat(actual.stoppedEarly()).as("trial %d: stopped early", t).isEqualTo(expected.stoppedEarly());
                assertThat(actual.diverged()).as("trial %d: diverged", t).isEqualTo(expected.diverged());
                Dataset test = data.get(t).test();
                Map<String, Double> expectedMetrics = Metrics.of(test, alone.predictScaled(test));
                Map<String, Double> actualMetrics = Metrics.of(test, batched.predictScaled(test));
                assertThat(actualMetrics.keySet()).isEqualTo(expectedMetrics.keySet());
                for (Map.Entry<String, Double> metric : expectedMetrics.entrySet()) {
                    double value = metric.getValue();
                    if (Double.isNaN(value)) {
                        assertThat(actualMetrics.get(metric.getKey())).as("trial %d: test %s", t, metric.getKey()).isNaN();
                    } else {
                        assertThat(actualMetrics.get(metric.getKey())).as("trial %d: test %s", t, metric.getKey())
                                .isCloseTo(value, within(TOLERANCE * Math.max(1, Math.abs(value))));
                    }
                }
            }
        }
    }

    @Test
    void aDivergingTrialStopsAloneAndTheOthersTrainEveryEpoch() {
        Network network = new Network(4, BatchedTrainingTest.RELU, Neuron.quadratic());
        TrainingSettings settings = BASE.withOptimizer(OptimizerKind.SGD).withLearningRate(0.01).withMomentum(0.9);
        List<BatchedTraining.Trial> trials = new ArrayList<>();
        for (int t = 0; t < TRIALS; t++) {
            trials.add(BatchedTrainingTest.trial(settings, BatchedTrainingTest.WILD_RATES[t], t,
                    BatchedTrainingTest.data(false, t), () -> false));
        }

        List<BatchedTraining.TrialResult> results = BatchedDjlTraining.fit(network, trials, ComputeDevice.cpu());

        for (int t = 0; t < TRIALS; t++) {
            try (TrainedNetwork batched = results.get(t).network()) {
                TrainingSummary summary = batched.summary().orElseThrow();
                boolean wild = BatchedTrainingTest.WILD_RATES[t] > 1;
                assertThat(summary.diverged()).as("trial %d: diverged", t).isEqualTo(wild);
                if (wild) {
                    assertThat(summary.epochs()).as("trial %d: stopped at the epoch it diverged", t)
                            .hasSizeLessThan(settings.epochs());
                } else {
                    assertThat(summary.epochs()).as("trial %d: every epoch", t).hasSize(settings.epochs());
                    assertThat(summary.last().trainLoss()).as("trial %d: finite", t).isFinite();
                }
            }
        }
    }

    @Test
    void theEngineSettingAndTheDeviceChooseThePathOfABatch() {
        Network small = new Network(4, BatchedTrainingTest.TANH, Neuron.linear());
        Data data = BatchedTrainingTest.data(false, 0);
        List<BatchedTraining.Trial> auto = List.of(trial(BASE.withEngine(TrainingEngine.AUTO), 0, data),
                trial(BASE.withEngine(TrainingEngine.AUTO), 1, data));
        assertThat(TrialBatch.engine(small, auto, ComputeDevice.cpu())).isEqualTo(TrainingEngine.FUSED);
        assertThat(TrialBatch.engine(small, auto, ComputeDevice.gpu(0))).isEqualTo(TrainingEngine.DJL);
        assertThat(TrialBatch.engine(small, List.of(trial(BASE, 0, data)), ComputeDevice.cpu())).isEqualTo(TrainingEngine.DJL);
        for (BatchedTraining.TrialResult result : TrialBatch.fit(small, auto, ComputeDevice.cpu())) {
            try (TrainedNetwork trained = result.network()) {
                assertThat(trained.summary().orElseThrow().engine()).isEqualTo(TrainingEngine.FUSED);
            }
        }
        assertThatThrownBy(() -> TrialBatch.engine(small, List.of(auto.get(0), trial(BASE, 1, data)), ComputeDevice.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trial 1 asks for engine djl, trial 0 for auto: the trials of one batch must agree");
    }

    @Test
    void refusesTrialsOfDifferentOptimizers() {
        Network network = new Network(4, BatchedTrainingTest.TANH, Neuron.linear());
        Data data = BatchedTrainingTest.data(false, 0);
        assertThatThrownBy(() -> BatchedDjlTraining.fit(network, List.of(trial(BASE, 0, data),
                trial(BASE.withOptimizer(OptimizerKind.SGD), 1, data)), ComputeDevice.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trial 1 trains with SGD, trial 0 with ADAM: the trials of one batch must agree");
    }

    private static BatchedTraining.Trial trial(TrainingSettings settings, int t, Data data) {
        return BatchedTrainingTest.trial(settings, 1, t, data, () -> false);
    }
}
