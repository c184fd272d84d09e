package org.taskneurons.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taskneurons.data.Dataset;
import org.taskneurons.nn.ComputeDevice;
import org.taskneurons.nn.EpochListener;

/**
 * A training's result keeps its whole curves, one point per epoch up to 200 and 200 evenly
 * spread points beyond, from the first epoch to the last, whatever the live stream sent.
 */
class LearningCurvesTest {

    @ParameterizedTest
    @CsvSource({"3, 3", "60, 60", "200, 200", "201, 200", "1000, 200"})
    void aTrainingStoresEveryEpochUpTo200Points(int epochs, int points) throws Exception {
        ExperimentSpec spec = SpecReader.parse("""
                datasets: [{synthetic: paper-no1-low}]
                models: [ordinary]
                structures: [[2]]
                training: {epochs: %d, batch_size: 100, learning_rate: 0.01}
                split: {validation: 0.2}
                """.formatted(epochs), true);
        ExperimentSpec.DatasetSpec source = spec.datasets().get(0);
        Dataset dataset = DatasetLoader.load(source, List.of());

        TrainingStep.Outcome outcome = ResultJson.training(ResultJson.write(TrainingStep.run(spec, source, dataset,
                ModelKind.ORDINARY, List.of(2), 1, null, EpochListener.NONE, () -> false, ComputeDevice.preferred())));

        for (String series : List.of("train_loss", "val_loss")) {
            List<double[]> curve = outcome.curves().get(series);
            assertThat(curve).as(series).hasSize(points);
            assertThat(curve.get(0)[0]).isEqualTo(1.0);
            assertThat(curve.get(points - 1)[0]).isEqualTo(epochs);
            assertThat(curve).allMatch(point -> Double.isFinite(point[1]));
            for (int i = 1; i < points; i++) {
                double gap = curve.get(i)[0] - curve.get(i - 1)[0];
                assertThat(gap).as("even spacing").isBetween(Math.floor((epochs - 1.0) / (points - 1)),
                        Math.ceil((epochs - 1.0) / (points - 1)));
            }
        }
        assertThat(outcome.curves()).containsOnlyKeys("train_loss", "val_loss");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "199, 199", "400, 200"})
    void keptIndicesAreDistinctAndSpanTheRun(int size, int count) {
        int[] kept = LearningCurves.kept(size);
        assertThat(kept).hasSize(count);
        if (count > 0) {
            assertThat(kept[0]).isZero();
            assertThat(kept[count - 1]).isEqualTo(size - 1);
        }
        assertThat(java.util.Arrays.stream(kept).distinct().count()).isEqualTo(count);
    }
}
