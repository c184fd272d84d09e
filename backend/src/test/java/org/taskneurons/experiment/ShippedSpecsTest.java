package org.taskneurons.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.ReadOptions;
import org.taskneurons.data.SharedData;

/** The specs shipped in experiments/ read and validate against the real data folder. */
class ShippedSpecsTest {
    private static final Path EXPERIMENTS = Path.of("..", "experiments");

    @ParameterizedTest
    @ValueSource(strings = {"quickstart.yaml", "paper-synthetic.yaml", "paper-public.yaml", "paper-table6.yaml"})
    void shippedSpecIsValid(String file) throws IOException {
        ExperimentSpec spec = SpecReader.read(EXPERIMENTS.resolve(file));
        assertThat(SpecValidation.violations(spec, List.of(SharedData.folder()))).isEmpty();
        assertThat(TaskGraph.of(spec)).isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void table6SpecCoversThePublicSetsWithFiveStructuresTenSeedsAndFiveModels() throws IOException {
        ExperimentSpec table6 = SpecReader.read(EXPERIMENTS.resolve("paper-table6.yaml"));
        ExperimentSpec publicSets = SpecReader.read(EXPERIMENTS.resolve("paper-public.yaml"));

        assertThat(table6.datasets()).extracting(ExperimentSpec.DatasetSpec::name)
                .containsExactlyElementsOf(publicSets.datasets().stream().map(ExperimentSpec.DatasetSpec::name).toList());
        assertThat(table6.structures()).hasSize(5).extracting(List::size).contains(1, 2, 3);
        assertThat(table6.seeds()).hasSize(10);
        assertThat(table6.models()).containsExactly(ModelKind.TASK_BASED, ModelKind.ORDINARY, ModelKind.QUADRATIC,
                ModelKind.RANDOM_POLYNOMIAL, ModelKind.XGBOOST);
        assertThat(table6.training().epochs()).isEqualTo(300);
        assertThat(table6.training().patience()).isPositive();
        assertThat(table6.split().test()).isEqualTo(0.2);
        assertThat(table6.split().validation()).isPositive();
    }

    @org.junit.jupiter.api.Test
    void everyPublicDataSetLoadsWithTheSpecsOptions() throws IOException {
        ExperimentSpec spec = SpecReader.read(EXPERIMENTS.resolve("paper-public.yaml"));
        for (ExperimentSpec.DatasetSpec dataset : spec.datasets()) {
            Dataset data = DatasetLoader.load(dataset, List.of(SharedData.folder()));
            assertThat(data.rows()).as(dataset.name()).isGreaterThan(500);
            assertThat(data.isClassification()).as(dataset.name()).isEqualTo(dataset.task() == ReadOptions.Task.CLASSIFICATION);
        }
    }
}
