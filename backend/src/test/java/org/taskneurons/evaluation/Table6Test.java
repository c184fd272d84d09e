package org.taskneurons.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Table6Test {

    static Stream<Arguments> holmCases() {
        // expected values from R: p.adjust(p, method = "holm")
        return Stream.of(
                Arguments.of(new double[] {0.01, 0.04, 0.03, 0.005}, new double[] {0.03, 0.06, 0.06, 0.02}),
                Arguments.of(new double[] {0.5, 0.002}, new double[] {0.5, 0.004}),
                Arguments.of(new double[] {0.9, 0.8, 0.7}, new double[] {1.0, 1.0, 1.0}),
                Arguments.of(new double[] {0.02}, new double[] {0.02}),
                Arguments.of(new double[] {}, new double[] {}));
    }

    @ParameterizedTest
    @MethodSource("holmCases")
    void holmMatchesR(double[] pValues, double[] expected) {
        double[] adjusted = Table6.holm(pValues);
        assertThat(adjusted).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(adjusted[i]).isCloseTo(expected[i], within(1e-12));
        }
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of(Metric.MSE, 0.009, 0.010, 0.1),
                Arguments.of(Metric.MSE, 0.012, 0.010, -0.2),
                Arguments.of(Metric.ACCURACY, 0.88, 0.80, 0.1),
                Arguments.of(Metric.ACCURACY, 0.72, 0.80, -0.1));
    }

    @ParameterizedTest
    @MethodSource("changes")
    void relativeChangeIsPositiveWhereTaskBasedIsBetter(Metric metric, double taskBased, double ordinary,
            double expected) {
        assertThat(Table6.relativeChange(metric, taskBased, ordinary)).isCloseTo(expected, within(1e-12));
    }

    /** Ten seeds of both networks; task-based better on every seed by {@code gap} (a negative gap: worse). */
    private static Table6.Entry entry(String dataset, String metric, double ordinary, double gap, int taskBasedRuns) {
        List<ComparisonRun> runs = new ArrayList<>();
        boolean lowerIsBetter = Metric.of(metric).isLowerBetter();
        for (int seed = 0; seed < 10; seed++) {
            double noise = 0.001 * seed;
            double ln = ordinary + noise;
            if (seed < taskBasedRuns) {
                runs.add(new ComparisonRun("task-based", seed, Map.of(metric, lowerIsBetter ? ln - gap : ln + gap), 20));
            }
            runs.add(new ComparisonRun("ordinary", seed, Map.of(metric, ln), 25));
        }
        return new Table6.Entry(dataset, List.of(10, 5), Comparison.of("task-based", runs));
    }

    @Test
    void countsWinsAndHolmCorrectedSignificance() {
        Table6.Protocol protocol = Table6.Protocol.of("paper", List.of(
                entry("a", "mse", 0.05, 0.01, 10),       // better on all 10 seeds: p = 0.002
                entry("b", "mse", 0.05, -0.01, 10),      // worse on all 10 seeds
                entry("c", "accuracy", 0.80, 0.02, 10),  // better on all 10 seeds
                entry("d", "accuracy", 0.80, 0.02, 5))); // better on the 5 shared seeds: p = 0.0625

        assertThat(protocol.cells()).extracting(Table6.Cell::pValue)
                .containsExactly(0.001953125, 0.001953125, 0.001953125, 0.0625);
        // Holm over 4 cells: the three smallest p become 4p, 3p, 2p (running max 0.0078125), the last 0.0625
        assertThat(protocol.cells()).extracting(Table6.Cell::holm)
                .containsExactly(0.0078125, 0.0078125, 0.0078125, 0.0625);
        assertThat(protocol.compared()).isEqualTo(4);
        assertThat(protocol.wins()).isEqualTo(3);
        assertThat(protocol.significantWins()).isEqualTo(2);
        assertThat(protocol.significantLosses()).isEqualTo(1);
        // changes of the means: +0.01/0.0545, -0.01/0.0545, +0.02/0.8045, and (0.822 - 0.8045)/0.8045 for the
        // five task-based seeds against all ten ordinary ones
        double c = 0.02 / 0.8045;
        double d = 0.0175 / 0.8045;
        assertThat(protocol.medianChange()).isCloseTo((c + d) / 2, within(1e-12));
        assertThat(protocol.meanChange()).isCloseTo((c + d) / 4, within(1e-12));
    }

    @Test
    void markdownMarksMissingRunsAndTheBestAndStatesTheCounts() {
        Table6 table = new Table6(List.of(Table6.Protocol.of("paper", List.of(
                entry("a|b", "mse", 0.05, 0.01, 9)))));

        String markdown = table.toMarkdown();

        assertThat(markdown).startsWith("### paper\n\n| data set | structure | metric | task-based | ordinary | TN vs LN |");
        assertThat(markdown).contains("| a\\|b | 10-5 | mse | **0.0440 (0.0027)** [9 of 10] | 0.0545 (0.0030) | +19.3%");
        assertThat(markdown).contains("Task-based ahead of ordinary in 1 of 1 cells (the paper: 50/50 and 49/50), "
                + "significantly in 1");
        assertThat(table.toCsv().lines().toList()).hasSize(3)
                .first().isEqualTo("protocol,dataset,structure,metric,model,runs,parameters,mean,std,best,"
                        + "p_task_based_vs_ordinary,p_holm,relative_change");
        assertThat(table.toCsv()).contains("paper,a|b,10-5,mse,task-based,9,20.0,");
    }

    @Test
    void aCellWithoutTheOrdinaryNetworkIsShownButNotCounted() {
        List<ComparisonRun> runs = List.of(new ComparisonRun("task-based", 1, Map.of("mse", 0.1), 20),
                new ComparisonRun("task-based", 2, Map.of("mse", 0.2), 20));
        Table6.Protocol protocol = Table6.Protocol.of("p", List.of(
                new Table6.Entry("x", List.of(), Comparison.of("task-based", runs)), entry("y", "mse", 0.05, 0.01, 10)));

        assertThat(protocol.cells().get(0).pValue()).isNull();
        assertThat(protocol.cells().get(0).holm()).isNull();
        assertThat(protocol.compared()).isEqualTo(1);
        // one p-value in the family: Holm leaves it as it is
        assertThat(protocol.cells().get(1).holm()).isEqualTo(0.001953125);
    }

    @Test
    void cellsAreGroupedByDataSetInTheOrderDataSetsFirstCome() {
        // one report per structure, each listing the data sets: the table lists each data set's structures together
        Table6.Protocol protocol = Table6.Protocol.of("equal-budget", List.of(
                withStructure(entry("b", "mse", 0.05, 0.01, 10), 8), withStructure(entry("a", "mse", 0.05, 0.01, 10), 8),
                withStructure(entry("b", "mse", 0.05, 0.01, 10), 16), withStructure(entry("a", "mse", 0.05, 0.01, 10), 16)));

        assertThat(protocol.cells()).extracting(cell -> cell.dataset() + "/" + cell.structure())
                .containsExactly("b/[8]", "b/[16]", "a/[8]", "a/[16]");
    }

    @Test
    void aCellThatComesTwiceIsRefusedWithItsName() {
        List<Table6.Entry> twice = List.of(entry("california", "mse", 0.05, 0.01, 10),
                entry("california", "mse", 0.05, 0.02, 10));

        assertThatThrownBy(() -> Table6.Protocol.of("paper-table6", twice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("paper-table6: data set 'california', structure 10-5 comes twice; give each cell's report once");
    }

    private static Table6.Entry withStructure(Table6.Entry entry, Integer... widths) {
        return new Table6.Entry(entry.dataset(), List.of(widths), entry.comparison());
    }
}
