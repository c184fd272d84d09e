package org.taskneurons.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.Scaler;
import org.taskneurons.data.Scaling;
import org.taskneurons.data.TaskKind;
import org.taskneurons.evaluation.Predictions;
import org.taskneurons.sr.Formula;

class ModelStorageTest {
    private static final TrainingSettings SETTINGS = TrainingSettings.defaults().withEpochs(5).withBatchSize(16).withSeed(2);

    static Stream<Arguments> models() {
        Dataset regression = raw(SmallData.regression("reg", 120, 3, 4));
        Dataset blobs = SmallData.blobs("blobs", 90, 5);
        return Stream.of(
                Arguments.of("task-based with inner constants, min-max", regression, Scaling.MIN_MAX,
                        Neuron.taskBased(Formula.parse("1.5 + 2*sum(cos(0.5*x)) + sum(x/(x - 3)) - 0.25*sum(x^2)")),
                        Structure.of(Output.regression(1), HiddenActivation.TANH, 4)),
                Arguments.of("random polynomial, standard", regression, Scaling.STANDARD,
                        Neuron.randomPolynomial(new RandomPowers(List.of(1, 3, 5))),
                        Structure.of(Output.regression(1), HiddenActivation.SIGMOID, 3)),
                Arguments.of("quadratic classifier", blobs, Scaling.MIN_MAX, Neuron.quadratic(),
                        Structure.of(Output.classification(3), HiddenActivation.RELU, 5)),
                Arguments.of("linear classifier, single layer", blobs, Scaling.NONE, Neuron.linear(),
                        Structure.of(Output.classification(3), HiddenActivation.RELU)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void loadedModelPredictsExactlyTheSame(String name, Dataset raw, Scaling scaling, Neuron neuron, Structure structure,
                                           @TempDir Path directory) throws IOException {
        Scaler scaler = Scaler.fit(raw, scaling);
        Network network = new Network(raw.featureCount(), structure, neuron);
        Predictions before;
        ModelManifest manifest;
        try (TrainedNetwork trained = Training.builder().setSettings(SETTINGS).build()
                .fit(network, scaler.apply(raw), raw.select(new int[0]), scaler)) {
            before = trained.predict(raw);
            manifest = trained.manifest();
            trained.save(directory);
        }

        try (TrainedNetwork loaded = TrainedNetwork.load(directory)) {
            assertThat(loaded.predict(raw)).isEqualTo(before);
            assertThat(loaded.manifest()).isEqualTo(manifest);
            assertThat(loaded.network()).isEqualTo(network);
            assertThat(loaded.summary()).isEmpty();
        }
        assertThat(directory.resolve(TrainedNetwork.MANIFEST)).exists();
        assertThat(Files.readString(directory.resolve(TrainedNetwork.MANIFEST))).contains("\"format\" : 1");
    }

    @Test
    void manifestKeepsFormulaScalerLabelsAndFeatureNames() {
        Network network = new Network(2, Structure.of(Output.classification(3), HiddenActivation.RELU, 4),
                Neuron.taskBased(Formula.parse("6@x**2 + 2@x - 3")));
        Dataset blobs = SmallData.blobs("blobs", 30, 1);
        ModelManifest manifest = ModelManifest.of(network, blobs, Scaler.fit(blobs, Scaling.STANDARD));

        ModelManifest read = ModelManifest.fromJson(manifest.toJson());

        assertThat(read).isEqualTo(manifest);
        assertThat(read.network().neuron().formula()).isEqualTo(Formula.parse("6@x**2 + 2@x - 3"));
        assertThat(read.classLabels()).containsExactly("left", "right", "top");
        assertThat(read.featureNames()).containsExactly("x1", "x2");
        assertThat(read.targetName()).isEqualTo("class");
    }

    @Test
    void rawPredictionsAreScaledPredictionsInTheTargetsUnits(@TempDir Path directory) {
        Dataset raw = raw(SmallData.regression("reg", 80, 3, 6));
        Scaler scaler = Scaler.fit(raw, Scaling.MIN_MAX);
        Network network = new Network(3, Structure.of(Output.regression(1), HiddenActivation.RELU, 3), Neuron.linear());
        try (TrainedNetwork trained = Training.builder().setSettings(SETTINGS).build()
                .fit(network, scaler.apply(raw), raw.select(new int[0]), scaler)) {
            double[] scaled = trained.predictScaled(scaler.apply(raw)).values();

            assertThat(trained.predict(raw).values()).containsExactly(scaler.invertTarget(scaled));
        }
    }

    @Test
    void mismatchedFeaturesAndManifestsAreRejected(@TempDir Path directory) throws IOException {
        Dataset data = SmallData.regression("reg", 40, 3, 6);
        Network network = new Network(3, Structure.of(Output.regression(1), HiddenActivation.RELU, 3), Neuron.linear());
        try (TrainedNetwork trained = Training.builder().setSettings(SETTINGS).build()
                .fit(network, data, data.select(new int[0]))) {
            assertThatThrownBy(() -> trained.predict(SmallData.regression("other", 5, 4, 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features");
            trained.save(directory);
        }
        Path manifest = directory.resolve(TrainedNetwork.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"hiddenWidths\" : [ 3 ]", "\"hiddenWidths\" : [ 4 ]"));
        assertThatThrownBy(() -> TrainedNetwork.load(directory))
                .isInstanceOf(IOException.class).hasMessageContaining("do not fit");
        Files.writeString(manifest, "{\"format\": 1}");
        assertThatThrownBy(() -> TrainedNetwork.load(directory))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing field");
    }

    /** The regression set in other units, so that scaling matters. */
    private static Dataset raw(Dataset data) {
        double[][] columns = data.columns();
        for (double[] column : columns) {
            for (int row = 0; row < column.length; row++) {
                column[row] = 100 * column[row] - 50;
            }
        }
        double[] target = data.target().clone();
        for (int row = 0; row < target.length; row++) {
            target[row] = 1000 * target[row] + 20;
        }
        return Dataset.of(data.name(), data.featureNames(), columns, target, data.targetName(), TaskKind.REGRESSION, List.of());
    }
}
