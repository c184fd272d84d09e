package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.TaskKind;

/**
 * Networks that die, on both training paths: one dead at its initial weights (every gradient
 * zero, so {@link TrainingPath}'s zero-gradient rule takes no step) trains to the end
 * unchanged, and one that a huge learning rate blows up stops early and says it diverged.
 */
class DeadNetworkTest {
    /** A power of two, so that the residuals' mean ±2/ROWS sums to exactly 0 in any order, float or double. */
    private static final int ROWS = 16;
    private static final int EPOCHS = 5;

    /**
     * Two features that are zero on every row (a constant column after min-max scaling) and
     * targets ±1 that average exactly 0. With zero biases every ReLU unit sits at 0, where its
     * gradient is 0, the output is 0, and a batch of all rows has residuals that cancel: every
     * gradient of the network is exactly zero.
     */
    private static Dataset deadInputs() {
        double[] target = new double[ROWS];
        for (int row = 0; row < ROWS; row++) {
            target[row] = row % 2 == 0 ? 1 : -1;
        }
        return Dataset.of("dead", List.of("x1", "x2"), new double[2][ROWS], target, "y", TaskKind.REGRESSION, List.of());
    }

    private static Network reluNetwork(int inputs) {
        return new Network(inputs, Structure.of(Output.regression(1), HiddenActivation.RELU, 4), Neuron.linear());
    }

    @ParameterizedTest
    @EnumSource(value = TrainingEngine.class, names = {"DJL", "FUSED"})
    void aNetworkDeadAtItsInitialWeightsTrainsEveryEpochAndStaysWhereItStarted(TrainingEngine engine) {
        Dataset data = deadInputs();
        TrainingSettings settings = TrainingSettings.defaults().withEpochs(EPOCHS).withBatchSize(ROWS)
                .withInitialization(Initialization.DJL_DEFAULT).withEngine(engine).withSeed(3);
        try (TrainedNetwork trained = Training.builder().setSettings(settings).build()
                .fit(reluNetwork(2), data, data.select(new int[0]))) {
            TrainingSummary summary = trained.summary().orElseThrow();
            assertThat(summary.engine()).isEqualTo(engine);
            assertThat(summary.epochs()).hasSize(EPOCHS);
            assertThat(summary.diverged()).isFalse();
            assertThat(summary.epochs()).as("the loss of predicting 0 for ±1, every epoch")
                    .allSatisfy(epoch -> assertThat(epoch.trainLoss()).isEqualTo(1.0));
            assertThat(trained.predictScaled(data).values()).as("the output bias never moved from 0")
                    .containsOnly(0.0);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TrainingEngine.class, names = {"DJL", "FUSED"})
    void aNetworkBlownUpByItsLearningRateStopsAndSaysItDiverged(TrainingEngine engine) {
        Dataset data = SmallData.regression("blown", ROWS, 2, 7);
        TrainingSettings settings = TrainingSettings.defaults().withOptimizer(OptimizerKind.SGD).withLearningRate(1e6)
                .withEpochs(50).withBatchSize(5).withEngine(engine).withSeed(3);
        try (TrainedNetwork trained = Training.builder().setSettings(settings).build()
                .fit(reluNetwork(2), data, data.select(new int[0]))) {
            TrainingSummary summary = trained.summary().orElseThrow();
            assertThat(summary.diverged()).isTrue();
            assertThat(summary.epochs()).hasSizeLessThan(50);
            assertThat(summary.last().trainLoss()).isNotFinite();
            assertThat(summary.epochs().subList(0, summary.epochs().size() - 1))
                    .as("every epoch before the last had a finite loss")
                    .allSatisfy(epoch -> assertThat(epoch.trainLoss()).isFinite());
        }
    }
}
