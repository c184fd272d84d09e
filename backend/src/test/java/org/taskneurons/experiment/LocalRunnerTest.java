package org.taskneurons.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskneurons.evaluation.ComparisonRow;

/**
 * A local run where one training task fails or diverges, or one data set's discovery fails: the
 * other tasks still finish, their table is built without it, and the report names what
 * happened to it.
 */
class LocalRunnerTest {
    private static final int ROWS = 40;

    @TempDir
    Path dataRoot;

    /**
     * Column {@code huge} holds values near 1e300: finite, so the file loads and the networks
     * train on its min-max scaled values, but beyond float, which XGBoost takes its raw rows in.
     */
    @BeforeEach
    void writeData() throws Exception {
        StringBuilder csv = new StringBuilder("a,huge,y\n");
        for (int row = 0; row < ROWS; row++) {
            double a = row / (double) ROWS;
            csv.append(String.format(Locale.ROOT, "%.4f,%.4e,%.6f%n", a, (1 + a) * 1e300, 2 * a + 0.1 * Math.sin(row)));
        }
        Files.writeString(dataRoot.resolve("wide.csv"), csv);
    }

    private LocalRunner.DatasetReport run(String spec, LocalRunner.Listener listener) {
        LocalRunner.Report report = LocalRunner.of(List.of(dataRoot), 2, listener, () -> false)
                .run(SpecReader.parse(spec, true));
        assertThat(report.datasets()).hasSize(1);
        return report.datasets().get(0);
    }

    @Test
    void aFailingTaskIsReportedAndTheOthersStillFinish() {
        Set<String> started = ConcurrentHashMap.newKeySet();
        Set<String> finished = ConcurrentHashMap.newKeySet();
        LocalRunner.DatasetReport report = run("""
                name: isolation
                datasets: [{file: wide.csv}]
                discovery: {method: subset, scale: minmax}
                models: [ordinary, xgboost, quadratic]
                structures: [[2]]
                training: {epochs: 3, batch_size: 8, learning_rate: 0.01}
                seeds: [1]
                """, new LocalRunner.Listener() {
                    @Override
                    public void started(PlannedTask task) {
                        started.add(task.key());
                    }

                    @Override
                    public void finished(PlannedTask task, double seconds) {
                        finished.add(task.key());
                    }
                });

        assertThat(report.failures()).containsOnlyKeys("train/wide.csv/xgboost/2/1");
        assertThat(report.failures().get("train/wide.csv/xgboost/2/1"))
                .contains("column huge", "beyond XGBoost's 32-bit range").doesNotContain("Exception");
        assertThat(report.trainings()).extracting(TrainingStep.Outcome::model).containsExactly("ordinary", "quadratic");
        assertThat(report.trainings()).allSatisfy(outcome -> {
            assertThat(outcome.epochs()).isEqualTo(3);
            assertThat(outcome.testMetrics().values()).allMatch(Double::isFinite);
        });
        assertThat(report.tables()).singleElement().satisfies(table -> assertThat(table.comparison().rows())
                .extracting(ComparisonRow::model).containsExactly("ordinary", "quadratic"));
        assertThat(report.excluded()).isEmpty();
        assertThat(started).contains("train/wide.csv/xgboost/2/1");
        assertThat(finished).contains("discover/wide.csv", "train/wide.csv/ordinary/2/1", "train/wide.csv/quadratic/2/1");
    }

    @Test
    void aDivergedTaskIsLeftOutOfTheTableAndNamed() {
        LocalRunner.DatasetReport report = run("""
                name: divergence
                datasets: [{file: wide.csv}]
                discovery: {method: subset, scale: minmax}
                models: [ordinary, quadratic]
                structures: [[2]]
                training: {optimizer: sgd, epochs: 20, batch_size: 8, learning_rate: 0.01,
                           learning_rates: {ordinary: 1000000}}
                seeds: [1]
                """, LocalRunner.Listener.NONE);

        assertThat(report.failures()).isEmpty();
        assertThat(report.trainings()).extracting(TrainingStep.Outcome::model).containsExactly("ordinary", "quadratic");
        TrainingStep.Outcome blownUp = report.trainings().get(0);
        assertThat(blownUp.epochs()).as("training stopped at the epoch whose loss was not finite").isLessThan(20);
        assertThat(blownUp.diverged()).isTrue();
        assertThat(report.trainings().get(1).diverged()).isFalse();
        assertThat(report.excluded()).containsExactly("ordinary seed 1 2");
        assertThat(report.tables()).singleElement().satisfies(table -> assertThat(table.comparison().rows())
                .extracting(ComparisonRow::model).containsExactly("quadratic"));
    }

    @Test
    void aDataSetWhoseDiscoveryFailsStopsOnlyItsOwnTrainings() throws Exception {
        Files.writeString(dataRoot.resolve("holes.csv"), "a,y\n0.1,1\n,2\n0.3,3\n");
        LocalRunner.Report report = LocalRunner.of(List.of(dataRoot), 2, LocalRunner.Listener.NONE, () -> false)
                .run(SpecReader.parse("""
                        name: isolation
                        datasets: [{file: holes.csv}, {file: wide.csv}]
                        discovery: {method: subset, scale: minmax}
                        models: [task-based, ordinary]
                        structures: [[2]]
                        training: {epochs: 2, batch_size: 8, learning_rate: 0.01}
                        seeds: [1]
                        """, true));

        LocalRunner.DatasetReport holes = report.datasets().get(0);
        assertThat(holes.discovery()).isNull();
        assertThat(holes.trainings()).isEmpty();
        assertThat(holes.failures()).containsOnlyKeys("discover/holes.csv", "train/holes.csv/task-based/2/1",
                "train/holes.csv/ordinary/2/1");
        assertThat(holes.failures().get("discover/holes.csv")).contains("line 3, column 'a': missing value");
        assertThat(holes.failures().get("train/holes.csv/task-based/2/1"))
                .startsWith("data set 'holes.csv' could not be read: ").contains("line 3, column 'a'");

        LocalRunner.DatasetReport wide = report.datasets().get(1);
        assertThat(wide.discovery()).isNotNull();
        assertThat(wide.failures()).isEmpty();
        assertThat(wide.trainings()).extracting(TrainingStep.Outcome::model).containsExactly("task-based", "ordinary");
    }
}
