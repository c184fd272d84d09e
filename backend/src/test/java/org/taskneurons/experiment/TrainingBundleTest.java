package org.taskneurons.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.SharedData;
import org.taskneurons.nn.ComputeDevice;
import org.taskneurons.nn.EpochListener;
import org.taskneurons.nn.TrainingEngine;
import org.taskneurons.sr.Formula;

/**
 * A bundle of tasks that differ in their seeds gives every task the outcome it gets alone:
 * its own split and scaling, its own training, its metrics, epochs and curves; tasks whose
 * model cannot train in a batch run one after the other and give the same.
 */
class TrainingBundleTest {

    private static List<Integer> widths(String structure) {
        return structure.isEmpty() ? List.of() : Arrays.stream(structure.split(",")).map(Integer::valueOf).toList();
    }

    private static Formula formula(ModelKind kind) {
        return kind.needsFormula() ? Formula.parse("6@x**2 + 2@x - 3") : null;
    }

    @ParameterizedTest(name = "{0} on {1}, batched: {3}")
    @CsvSource({
            "ordinary, paper-no1-low, '10,5', true",
            "task-based, paper-no1-low, '', true",
            "quadratic, paper-no1-low, '3', true",
            "ordinary, phoneme, '4', true",
            "random-polynomial, paper-no1-low, '3', false",
            "xgboost, paper-no1-low, '', false"})
    void everyTaskGetsItsOwnOutcome(String model, String synthetic, String structure, boolean batched) throws Exception {
        String data = synthetic.equals("phoneme")
                ? "{file: public/phoneme.csv, target: Class, task: classification}"
                : "{synthetic: %s}".formatted(synthetic);
        ExperimentSpec spec = SpecReader.parse("""
                datasets: [%s]
                models: [%s]
                structures: [[2]]
                training: {epochs: 6, batch_size: 16, learning_rate: 0.01, patience: 3}
                split: {validation: 0.2}
                """.formatted(data, model), true);
        ExperimentSpec.DatasetSpec source = spec.datasets().get(0);
        Dataset dataset = DatasetLoader.load(source, List.of(SharedData.folder()));
        ModelKind kind = ModelKind.of(model);
        List<Integer> widths = widths(structure);
        Formula formula = formula(kind);
        List<TrainingStep.BundledTask> tasks = new ArrayList<>();
        for (long seed : new long[] {3, 1, 4, 1, 5}) {
            tasks.add(new TrainingStep.BundledTask(seed, EpochListener.NONE, () -> false));
        }

        assertThat(TrainingStep.trainsInBatches(kind, formula)).isEqualTo(batched);
        List<TrainingStep.BundledResult> results = TrainingStep.trainSideBySide(spec, source, dataset, kind, widths,
                formula, tasks, ComputeDevice.cpu());

        assertThat(results).hasSameSizeAs(tasks);
        for (int i = 0; i < tasks.size(); i++) {
            TrainingStep.Outcome alone = TrainingStep.run(spec, source, dataset, kind, widths, tasks.get(i).seed(), formula,
                    EpochListener.NONE, () -> false, ComputeDevice.cpu());
            try (TrainingStep.Trained trained = results.get(i).trained()) {
                TrainingStep.Outcome bundled = trained.outcome();
                assertThat(bundled.seed()).isEqualTo(alone.seed());
                assertThat(bundled.epochs()).isEqualTo(alone.epochs());
                assertThat(bundled.widths()).isEqualTo(alone.widths());
                assertThat(bundled.testMetrics().keySet()).isEqualTo(alone.testMetrics().keySet());
                alone.testMetrics().forEach((metric, value) -> assertThat(bundled.testMetrics().get(metric))
                        .as("seed %d: test %s", bundled.seed(), metric).isCloseTo(value, offset(1e-9)));
                assertThat(bundled.curves().keySet()).isEqualTo(alone.curves().keySet());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}, batch {2}, engine {3}: side by side {4}, may {5}")
    @CsvSource({
            "task-based, '', 10, auto, true, true",
            "ordinary, '2', 10, auto, true, true",
            "ordinary, '4', 32, auto, false, true",
            "ordinary, '10,5', 256, auto, false, false",
            "ordinary, '10,5', 256, djl, true, true",
            "xgboost, '', 10, auto, false, false"})
    void bundlesGoSideBySideOnlyWhereThatIsFaster(String model, String structure, int batch, String engine,
            boolean sideBySide, boolean may) throws Exception {
        ExperimentSpec spec = SpecReader.parse("""
                datasets: [{synthetic: paper-no1-low}]
                models: [%s]
                structures: [[2]]
                training: {epochs: 3, batch_size: %d, engine: %s}
                """.formatted(model, batch, engine), true);
        ExperimentSpec.DatasetSpec source = spec.datasets().get(0);
        Dataset dataset = DatasetLoader.load(source, List.of(SharedData.folder()));
        ModelKind kind = ModelKind.of(model);
        List<Integer> widths = widths(structure);
        Formula formula = formula(kind);

        assertThat(TrainingStep.trainsSideBySide(spec, source, dataset, kind, widths, formula, ComputeDevice.cpu()))
                .isEqualTo(sideBySide);
        assertThat(TrainingStep.mayTrainSideBySide(spec, source, kind, widths)).isEqualTo(may);
        assertThat(!sideBySide || may).as("a bundle that pays is never kept apart at submission").isTrue();
    }

    @Test
    void aBundleOnTheDjlEngineTrainsThroughDjlsBatchedPathEachTaskAsItWouldAlone() throws Exception {
        ExperimentSpec spec = SpecReader.parse("""
                datasets: [{synthetic: paper-no1-low}]
                models: [quadratic]
                structures: [[3]]
                training: {epochs: 4, batch_size: 16, learning_rate: 0.01, engine: djl}
                split: {validation: 0.2}
                """, true);
        ExperimentSpec.DatasetSpec source = spec.datasets().get(0);
        Dataset dataset = DatasetLoader.load(source, List.of(SharedData.folder()));
        List<TrainingStep.BundledTask> tasks = List.of(new TrainingStep.BundledTask(2, EpochListener.NONE, () -> false),
                new TrainingStep.BundledTask(7, EpochListener.NONE, () -> false));

        List<TrainingStep.BundledResult> results = TrainingStep.trainBundle(spec, source, dataset, ModelKind.QUADRATIC,
                List.of(3), null, tasks, ComputeDevice.cpu());

        for (int i = 0; i < tasks.size(); i++) {
            TrainingStep.Outcome alone = TrainingStep.run(spec, source, dataset, ModelKind.QUADRATIC, List.of(3),
                    tasks.get(i).seed(), null, EpochListener.NONE, () -> false, ComputeDevice.cpu());
            try (TrainingStep.Trained trained = results.get(i).trained()) {
                assertThat(trained.network().summary().orElseThrow().engine()).isEqualTo(TrainingEngine.DJL);
                TrainingStep.Outcome bundled = trained.outcome();
                assertThat(bundled.epochs()).isEqualTo(alone.epochs());
                // float32 sums in another order: see BatchedDjlTrainingTest for the tolerance.
                alone.testMetrics().forEach((metric, value) -> assertThat(bundled.testMetrics().get(metric))
                        .as("seed %d: test %s", bundled.seed(), metric)
                        .isCloseTo(value, offset(1e-4 * Math.max(1, Math.abs(value)))));
            }
        }
    }
}
