package org.taskneurons.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.taskneurons.data.Dataset;
import org.taskneurons.data.SharedData;

/** The specs shipped in experiments/ read and validate against the real data folder. */
class ShippedSpecsTest {
    private static final Path EXPERIMENTS = Path.of("..", "experiments");

    @ParameterizedTest
    @ValueSource(strings = {"quickstart.yaml", "paper-synthetic.yaml", "paper-public.yaml"})
    void shippedSpecIsValid(String file) throws IOException {
        ExperimentSpec spec = SpecReader.read(EXPERIMENTS.resolve(file));
        assertThat(SpecValidation.violations(spec, List.of(SharedData.folder()))).isEmpty();
        assertThat(TaskGraph.of(spec)).isNotEmpty();
    }

    @org.junit.jupiter.api.Test
    void everyPublicDataSetLoadsWithTheSpecsOptions() throws IOException {
        ExperimentSpec spec = SpecReader.read(EXPERIMENTS.resolve("paper-public.yaml"));
        for (ExperimentSpec.DatasetSpec dataset : spec.datasets()) {
            Dataset data = DatasetLoader.load(dataset, List.of(SharedData.folder()));
            assertThat(data.rows()).as(dataset.name()).isGreaterThan(500);
            assertThat(data.isClassification()).as(dataset.name()).isEqualTo(dataset.task().equals("classification"));
        }
    }
}
