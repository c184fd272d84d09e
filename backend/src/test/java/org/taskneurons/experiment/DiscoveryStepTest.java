package org.taskneurons.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.taskneurons.data.Dataset;
import org.taskneurons.sr.Formula;
import org.taskneurons.sr.SearchProgress;

class DiscoveryStepTest {

    @Test
    void discoversOnScaledTrainingRows() throws IOException {
        ExperimentSpec spec = SpecReader.parse("""
                name: one
                datasets: [{synthetic: paper-no1-low}]
                discovery: {scale: none}
                """, true);
        Dataset dataset = DatasetLoader.load(spec.datasets().get(0), List.of());
        DiscoveryStep.Outcome outcome = DiscoveryStep.run(spec, dataset, SearchProgress.NONE, () -> false);
        assertThat(outcome.rows()).isEqualTo(480);
        assertThat(outcome.inputs()).isEqualTo(10);
        assertThat(outcome.method()).isEqualTo("subset");
        Formula formula = Formula.parse(outcome.formula());
        assertThat(formula.terms()).hasSize(1);
        assertThat(formula.terms().get(0).coef()).isBetween(5.9, 6.1);
        // the front it was chosen from: fewer constants, more error, and the reported formula marked once
        assertThat(outcome.front()).hasSizeGreaterThan(1);
        assertThat(outcome.front()).filteredOn(DiscoveryStep.FrontEntry::chosen).singleElement()
                .satisfies(chosen -> assertThat(chosen.formula()).isEqualTo(outcome.formula()));
        for (int i = 1; i < outcome.front().size(); i++) {
            assertThat(outcome.front().get(i).parameters()).isGreaterThan(outcome.front().get(i - 1).parameters());
            assertThat(outcome.front().get(i).trainMse()).isLessThan(outcome.front().get(i - 1).trainMse());
        }
    }

    @Test
    void minMaxScalingIsTheDefaultAndChangesTheFormulasUnits() throws IOException {
        ExperimentSpec spec = SpecReader.parse("{\"name\": \"one\", \"datasets\": [{\"synthetic\": \"paper-no1-low\"}]}", false);
        Dataset dataset = DatasetLoader.load(spec.datasets().get(0), List.of());
        DiscoveryStep.Outcome outcome = DiscoveryStep.run(spec, dataset, SearchProgress.NONE, () -> false);
        assertThat(outcome.trainMse()).isLessThan(0.01);
        assertThat(Formula.parse(outcome.formula()).degree()).hasValue(2);
    }
}
