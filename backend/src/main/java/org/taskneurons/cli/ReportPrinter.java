package org.taskneurons.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import org.taskneurons.experiment.LocalRunner;
import org.taskneurons.experiment.PlannedTask;
import org.taskneurons.experiment.SearchPlan;
import org.taskneurons.experiment.SpecReader;

/** Prints a local run's report: per data set the formula and one table per structure, or JSON. */
final class ReportPrinter {
    private ReportPrinter() {
    }

    static void print(PrintWriter out, LocalRunner.Report report, boolean json) throws JsonProcessingException {
        if (json) {
            out.println(SpecReader.json().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            out.flush();
            return;
        }
        out.printf("experiment %s%n", report.name());
        for (LocalRunner.DatasetReport dataset : report.datasets()) {
            out.printf("%n== %s%n", dataset.dataset());
            if (dataset.discovery() != null) {
                out.printf("formula (%s, fitted on the training split): %s   train MSE %.4g%n",
                        dataset.discovery().method(), dataset.discovery().formula(), dataset.discovery().trainMse());
            } else {
                out.printf("no formula: discovery failed (below), so did every training that waits for it%n");
            }
            for (LocalRunner.Table table : dataset.tables()) {
                out.printf("%nstructure %s, test metrics on scaled data, mean (std) over seeds, * best, p: Wilcoxon vs %s%n",
                        PlannedTask.structureName(table.structure()), table.comparison().reference());
                out.println(table.comparison().toText().stripTrailing());
            }
            dataset.failures().forEach((task, error) -> out.printf("failed %s: %s%n", task, error));
            if (!dataset.excluded().isEmpty()) {
                out.printf("left out (a metric was not finite): %s%n", dataset.excluded());
            }
        }
        if (!report.search().isEmpty()) {
            out.printf("%nsearch: best configuration per data set and model (validation rows), epochs spent of a full budget%n");
        }
        for (SearchPlan.Summary search : report.search()) {
            out.printf("%s %s: %s %s = %.6g (trial %d of %d), %d of %d epochs%n", search.dataset(), search.model().label(),
                    search.best().config(), search.best().metric(), search.best().value(), search.best().trial(),
                    search.trials(), search.epochsSpent(), search.epochsFullBudget());
        }
        out.flush();
    }
}
