package org.taskneurons.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskneurons.evaluation.Comparison;
import org.taskneurons.evaluation.ComparisonRun;
import org.taskneurons.experiment.LocalRunner;
import org.taskneurons.experiment.ResultJson;
import org.taskneurons.experiment.SpecReader;

class Table6CommandTest {
    @TempDir
    Path folder;

    /** One data set, two structures; task-based better on every seed of the first, worse on the second. */
    private static LocalRunner.Report report(String name) {
        List<LocalRunner.Table> tables = new ArrayList<>();
        double[] gaps = {0.01, -0.01};
        List<List<Integer>> structures = List.of(List.of(10, 5), List.of());
        for (int s = 0; s < 2; s++) {
            List<ComparisonRun> runs = new ArrayList<>();
            for (int seed = 0; seed < 10; seed++) {
                double ordinary = 0.05 + 0.001 * seed;
                runs.add(new ComparisonRun("task-based", seed, Map.of("mse", ordinary - gaps[s]), 20));
                runs.add(new ComparisonRun("ordinary", seed, Map.of("mse", ordinary), 25));
            }
            tables.add(new LocalRunner.Table(structures.get(s), Comparison.of("task-based", runs)));
        }
        return new LocalRunner.Report(name, List.of(new LocalRunner.DatasetReport("airfoil", null, List.of(),
                tables, List.of(), Map.of())), List.of());
    }

    @Test
    void readsBothReportShapesAndWritesMarkdownAndCsv() throws IOException {
        Path local = Files.writeString(folder.resolve("run.json"),
                SpecReader.json().writeValueAsString(report("paper protocol")));
        Path api = Files.writeString(folder.resolve("api.json"), ResultJson.report(report("equal budget")));
        Path out = folder.resolve("results").resolve("table6");

        DiscoverCommandTest.Run run = DiscoverCommandTest.run("table6", local.toString(), api.toString(),
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("### paper protocol", "### equal budget",
                "| airfoil | 10-5 | mse | **0.0445 (0.0030)** | 0.0545 (0.0030) | +18.3% (win) | 0.00195 | 0.00391 |",
                "| airfoil | single | mse | 0.0645 (0.0030) | **0.0545 (0.0030)** | -18.3% (loss) | 0.00195 | 0.00391 |",
                "Task-based ahead of ordinary in 1 of 2 cells");
        assertThat(Files.readString(folder.resolve("results/table6.md"))).isEqualTo(run.out());
        assertThat(Files.readAllLines(folder.resolve("results/table6.csv"))).hasSize(1 + 2 * 2 * 2);
    }

    @Test
    void reportsOfOneNameAreOneProtocolCorrectedAcrossAllTheirCells() throws IOException {
        String json = SpecReader.json().writeValueAsString(report("equal budget"));
        Path first = Files.writeString(folder.resolve("s1.json"), json);
        Path second = Files.writeString(folder.resolve("s2.json"), json.replace("airfoil", "wine"));

        DiscoverCommandTest.Run run = DiscoverCommandTest.run("table6", first.toString(), second.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().split("### equal budget", -1)).hasSize(2);
        assertThat(run.out()).contains("Task-based ahead of ordinary in 2 of 4 cells",
                "| wine | 10-5 | mse | **0.0445 (0.0030)** | 0.0545 (0.0030) | +18.3% (win) | 0.00195 | 0.00781 |");
    }

    @Test
    void aFileThatIsNotAReportIsNamedInTheError() throws IOException {
        Path spec = Files.writeString(folder.resolve("spec.json"), "{\"name\": \"x\"}");

        DiscoverCommandTest.Run run = DiscoverCommandTest.run("table6", spec.toString());

        assertThat(run.exitCode()).isEqualTo(UserErrorHandler.USER_ERROR);
        assertThat(run.err()).contains(spec + ": not a report (no \"datasets\" list)");
    }
}
