package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.Dataset;

/**
 * A network dead at its initial weights is flagged on every path, and only such a network. The
 * dead construction is certain, not a matter of seeds: with DJL's initialization the biases
 * start at 0, so on rows whose features are all 0 every hidden pre-activation is exactly 0 and
 * every ReLU unit outputs 0 for every row.
 */
class DeadStartTest {
    private static final Network RELU = new Network(4, Structure.of(Output.regression(1), HiddenActivation.RELU, 4, 3),
            Neuron.linear());
    private static final Network TANH = new Network(4, Structure.of(Output.regression(1), HiddenActivation.TANH, 4, 3),
            Neuron.linear());
    private static final TrainingSettings SETTINGS = TrainingSettings.defaults().withEpochs(3).withBatchSize(8)
            .withInitialization(Initialization.DJL_DEFAULT);

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("fused", path(TrainingEngine.FUSED, (network, train) -> Training.builder()
                        .setSettings(SETTINGS.withEngine(TrainingEngine.FUSED)).build().fit(network, train, empty(train)))),
                Arguments.of("djl", path(TrainingEngine.DJL, (network, train) -> Training.builder()
                        .setSettings(SETTINGS.withEngine(TrainingEngine.DJL)).optDevice(ComputeDevice.cpu()).build()
                        .fit(network, train, empty(train)))),
                Arguments.of("fused, batched", path(TrainingEngine.FUSED, (network, train) ->
                        BatchedTraining.fit(network, List.of(trial(TrainingEngine.FUSED, train))).get(0).network())),
                Arguments.of("djl, batched", path(TrainingEngine.DJL, (network, train) ->
                        BatchedDjlTraining.fit(network, List.of(trial(TrainingEngine.DJL, train)), ComputeDevice.cpu()).get(0)
                                .network())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void aNetworkWithEveryReluUnitOffIsFlaggedDeadAndTrainsOn(String name, Path path) {
        TrainingSummary dead = path.summary(RELU, zeroRows());
        assertThat(dead.dead()).isTrue();
        assertThat(dead.diverged()).isFalse();
        assertThat(dead.epochs()).hasSize(SETTINGS.epochs());
        assertThat(dead.engine()).isEqualTo(path.engine());

        assertThat(path.summary(RELU, SmallData.regression("train", 40, 4, 1)).dead())
                .as("the same network on rows that switch units on").isFalse();
        assertThat(path.summary(TANH, zeroRows()).dead()).as("no ReLU units to be off").isFalse();
    }

    /** A way of training one run, as a function of the network and the rows. */
    record Path(TrainingEngine engine, BiFunction<Network, Dataset, TrainedNetwork> training) {
        TrainingSummary summary(Network network, Dataset train) {
            try (TrainedNetwork trained = training.apply(network, train)) {
                return trained.summary().orElseThrow();
            }
        }
    }

    private static Path path(TrainingEngine engine, BiFunction<Network, Dataset, TrainedNetwork> training) {
        return new Path(engine, training);
    }

    private static BatchedTraining.Trial trial(TrainingEngine engine, Dataset train) {
        return new BatchedTraining.Trial(SETTINGS.withEngine(engine), train, empty(train),
                ModelManifest.identityScaler(train.featureCount()), EpochListener.NONE, () -> false);
    }

    /** Forty rows whose four features are all 0, with the targets of a regression set. */
    private static Dataset zeroRows() {
        Dataset rows = SmallData.regression("train", 40, 4, 1);
        return Dataset.of("zeros", rows.featureNames(), new double[4][rows.rows()], rows.target(), "y",
                rows.kind(), List.of());
    }

    private static Dataset empty(Dataset train) {
        return train.select(new int[0]);
    }
}
