package org.taskneurons.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * The paper's Table 6 over one or more protocols (the paper's fixed configuration, an
 * equal-budget search, ...). A cell is one data set and structure: every model's mean (std)
 * of the main metric (test MSE for regression, accuracy for classification), the paired
 * Wilcoxon p-value of the task-based network against the ordinary one, that p-value
 * Holm-corrected across the protocol's cells (so "significant" holds for the whole table at
 * {@link #LEVEL}, not cell by cell), and the relative change of the task-based network's mean
 * against the ordinary one's, positive where the task-based network is better.
 *
 * @param protocols in the order they are reported
 */
public record Table6(List<Protocol> protocols) {
    public static final String TASK_BASED = "task-based";
    public static final String ORDINARY = "ordinary";
    /** The family-wise significance level of the Holm correction. */
    public static final double LEVEL = 0.05;
    /** What the paper reports for its own Table 6 (task-based ahead of ordinary). */
    public static final String PAPER_WINS = "50/50 and 49/50";

    public Table6 {
        protocols = List.copyOf(protocols);
    }

    /** One comparison table of a report: a data set, a structure and its models over seeds. */
    public record Entry(String dataset, List<Integer> structure, Comparison comparison) {
        public Entry {
            Objects.requireNonNull(dataset, "dataset");
            structure = List.copyOf(structure);
            Objects.requireNonNull(comparison, "comparison");
        }
    }

    /**
     * One data set and structure.
     *
     * @param metric  the main metric's key (the comparison's first metric)
     * @param pValue  task-based against ordinary, paired over shared seeds; null without both models
     * @param holm    {@code pValue} after the Holm correction across the protocol's cells
     * @param change  (ordinary − task-based) / |ordinary| for an error, (task-based − ordinary) /
     *                |ordinary| for a score; null without both models
     */
    public record Cell(String dataset, List<Integer> structure, String metric, List<ComparisonRow> rows,
            Double pValue, Double holm, Double change) {
        public Cell {
            structure = List.copyOf(structure);
            rows = List.copyOf(rows);
        }

        public boolean isWin() {
            return change != null && change > 0;
        }

        public boolean isSignificantWin() {
            return isWin() && holm != null && holm < LEVEL;
        }

        public boolean isSignificantLoss() {
            return change != null && change < 0 && holm != null && holm < LEVEL;
        }

        /** The row of {@code model}, or null where the model has no runs in this cell. */
        public ComparisonRow row(String model) {
            return rows.stream().filter(row -> row.model().equals(model)).findFirst().orElse(null);
        }
    }

    /** The cells of one protocol, with the counts the paper reports. */
    public record Protocol(String name, List<Cell> cells) {
        public Protocol {
            Objects.requireNonNull(name, "name");
            cells = List.copyOf(cells);
        }

        /**
         * The protocol's cells, with p-values Holm-corrected across those that have one. Cells
         * are grouped by data set, in the order data sets first appear (a protocol read from one
         * report per structure lists each data set's structures together), structures in the
         * order they come.
         *
         * @throws IllegalArgumentException where a data set and structure come twice (the same
         *         report read twice, or two runs of one cell): its seeds would count twice
         */
        public static Protocol of(String name, List<Entry> entries) {
            Set<String> seen = new LinkedHashSet<>();
            for (Entry entry : entries) {
                if (!seen.add(entry.dataset() + "\u0000" + entry.structure())) {
                    throw new IllegalArgumentException(name + ": data set '" + entry.dataset() + "', structure "
                            + structureName(entry.structure()) + " comes twice; give each cell's report once");
                }
            }
            Map<String, Integer> firstSeen = new HashMap<>();
            entries.forEach(entry -> firstSeen.putIfAbsent(entry.dataset(), firstSeen.size()));
            List<Cell> uncorrected = entries.stream()
                    .sorted(Comparator.comparingInt((Entry entry) -> firstSeen.get(entry.dataset())))
                    .map(Table6::cell).toList();
            double[] holm = holm(uncorrected.stream().map(Cell::pValue).filter(Objects::nonNull)
                    .mapToDouble(Double::doubleValue).toArray());
            List<Cell> cells = new ArrayList<>();
            int next = 0;
            for (Cell cell : uncorrected) {
                Double corrected = cell.pValue() == null ? null : holm[next++];
                cells.add(new Cell(cell.dataset(), cell.structure(), cell.metric(), cell.rows(), cell.pValue(),
                        corrected, cell.change()));
            }
            return new Protocol(name, cells);
        }

        /** Cells where both networks ran. */
        public long compared() {
            return cells.stream().filter(cell -> cell.change() != null).count();
        }

        public long wins() {
            return cells.stream().filter(Cell::isWin).count();
        }

        public long significantWins() {
            return cells.stream().filter(Cell::isSignificantWin).count();
        }

        public long significantLosses() {
            return cells.stream().filter(Cell::isSignificantLoss).count();
        }

        /** The mean relative change over the compared cells; NaN where none was compared. */
        public double meanChange() {
            return changes().average().orElse(Double.NaN);
        }

        /** The median relative change: one diverging cell can dominate the mean. NaN where none was compared. */
        public double medianChange() {
            double[] sorted = changes().sorted().toArray();
            int n = sorted.length;
            return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        private DoubleStream changes() {
            return cells.stream().map(Cell::change).filter(Objects::nonNull).mapToDouble(Double::doubleValue);
        }

        /** The models in the order they first appear. */
        List<String> models() {
            Set<String> models = new LinkedHashSet<>();
            cells.forEach(cell -> cell.rows().forEach(row -> models.add(row.model())));
            return List.copyOf(models);
        }
    }

    private static Cell cell(Entry entry) {
        Comparison comparison = entry.comparison();
        String metric = comparison.metrics().get(0);
        ComparisonRow taskBased = rowOrNull(comparison, TASK_BASED);
        ComparisonRow ordinary = rowOrNull(comparison, ORDINARY);
        Double pValue = null;
        Double change = null;
        if (taskBased != null && ordinary != null) {
            // The comparison tests its reference against every other model: the p-value sits on
            // whichever of the two is not the reference (the test is symmetric).
            pValue = comparison.reference().equals(TASK_BASED) ? ordinary.cell(metric).pValue()
                    : comparison.reference().equals(ORDINARY) ? taskBased.cell(metric).pValue() : null;
            change = relativeChange(Metric.of(metric), taskBased.cell(metric).mean(), ordinary.cell(metric).mean());
        }
        return new Cell(entry.dataset(), entry.structure(), metric, comparison.rows(), pValue, null, change);
    }

    private static ComparisonRow rowOrNull(Comparison comparison, String model) {
        return comparison.rows().stream().filter(row -> row.model().equals(model)).findFirst().orElse(null);
    }

    /** Positive where the task-based mean is better, as a fraction of the ordinary mean. */
    static double relativeChange(Metric metric, double taskBased, double ordinary) {
        double gain = metric.isLowerBetter() ? ordinary - taskBased : taskBased - ordinary;
        return gain / Math.abs(ordinary);
    }

    /**
     * Holm's step-down adjustment: with the m p-values sorted ascending, the i-th (from 1)
     * becomes the running maximum of (m − i + 1)·p, capped at 1; returned in the input's order.
     */
    static double[] holm(double[] pValues) {
        int m = pValues.length;
        Integer[] order = IntStream.range(0, m).boxed().sorted(Comparator.comparingDouble(i -> pValues[i]))
                .toArray(Integer[]::new);
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            running = Math.max(running, Math.min(1.0, (m - rank) * pValues[order[rank]]));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }

    /**
     * One Markdown section per protocol: a row per cell with every model's mean (std), the
     * best in bold, "[n of N]" where a model has fewer runs than the most any model has in the
     * cell (diverged runs are left out of the means), the relative change, the raw and the
     * Holm-corrected p-value; then the counts beside the paper's.
     */
    public String toMarkdown() {
        StringBuilder text = new StringBuilder();
        for (Protocol protocol : protocols) {
            List<String> models = protocol.models();
            text.append("### ").append(protocol.name()).append("\n\n");
            List<String> header = new ArrayList<>(List.of("data set", "structure", "metric"));
            header.addAll(models);
            header.addAll(List.of("TN vs LN", "p", "p (Holm)"));
            text.append(markdownLine(header));
            text.append(markdownLine(header.stream().map(column -> "---").toList()));
            for (Cell cell : protocol.cells()) {
                text.append(markdownLine(markdownCells(cell, models)));
            }
            text.append('\n').append(summary(protocol)).append("\n\n");
        }
        return text.toString();
    }

    private static List<String> markdownCells(Cell cell, List<String> models) {
        int most = cell.rows().stream().mapToInt(row -> row.seeds().size()).max().orElse(0);
        List<String> line = new ArrayList<>(List.of(cell.dataset(), structureName(cell.structure()), cell.metric()));
        for (String model : models) {
            ComparisonRow row = cell.row(model);
            if (row == null) {
                line.add("–");
                continue;
            }
            ComparisonCell value = row.cell(cell.metric());
            String text = fixed(value.mean()) + " (" + (value.std() == null ? "–" : fixed(value.std())) + ")";
            text = value.best() ? "**" + text + "**" : text;
            line.add(row.seeds().size() < most ? text + " [" + row.seeds().size() + " of " + most + "]" : text);
        }
        line.add(cell.change() == null ? "–" : String.format(Locale.ROOT, "%+.1f%%", 100 * cell.change())
                + (cell.isSignificantWin() ? " (win)" : cell.isSignificantLoss() ? " (loss)" : ""));
        line.add(cell.pValue() == null ? "–" : String.format(Locale.ROOT, "%.3g", cell.pValue()));
        line.add(cell.holm() == null ? "–" : String.format(Locale.ROOT, "%.3g", cell.holm()));
        return line;
    }

    /** The counts of one protocol, in words. */
    public static String summary(Protocol protocol) {
        return String.format(Locale.ROOT, "Task-based ahead of ordinary in %d of %d cells (the paper: %s), "
                + "significantly in %d (Holm-corrected p < %.2f over the %d cells); ordinary significantly ahead in "
                + "%d; relative change of the mean metric %+.1f%% on average, %+.1f%% in the median cell (positive: "
                + "task-based better).", protocol.wins(), protocol.compared(), PAPER_WINS, protocol.significantWins(),
                LEVEL, protocol.compared(), protocol.significantLosses(), 100 * protocol.meanChange(),
                100 * protocol.medianChange());
    }

    /**
     * Every protocol's cells as CSV, one row per cell and model, numbers at full precision and
     * undefined ones empty: protocol, dataset, structure, metric, model, runs, parameters,
     * mean, std, best, then the cell's p, Holm-corrected p and relative change.
     */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(Comparison.csvLine(List.of("protocol", "dataset", "structure", "metric",
                "model", "runs", "parameters", "mean", "std", "best", "p_task_based_vs_ordinary", "p_holm",
                "relative_change")));
        for (Protocol protocol : protocols) {
            for (Cell cell : protocol.cells()) {
                for (ComparisonRow row : cell.rows()) {
                    ComparisonCell value = row.cell(cell.metric());
                    csv.append(Comparison.csvLine(List.of(protocol.name(), cell.dataset(),
                            structureName(cell.structure()), cell.metric(), row.model(),
                            String.valueOf(row.seeds().size()), String.valueOf(row.parameters()),
                            String.valueOf(value.mean()), Comparison.orEmpty(value.std()), String.valueOf(value.best()),
                            Comparison.orEmpty(cell.pValue()), Comparison.orEmpty(cell.holm()), Comparison.orEmpty(cell.change()))));
                }
            }
        }
        return csv.toString();
    }

    private static String structureName(List<Integer> widths) {
        return widths.isEmpty() ? "single" : widths.stream().map(String::valueOf).collect(Collectors.joining("-"));
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /** A Markdown table row; a {@code |} inside a cell is escaped so it cannot open a column. */
    private static String markdownLine(List<String> cells) {
        return cells.stream().map(cell -> cell.replace("|", "\\|")).collect(Collectors.joining(" | ", "| ", " |\n"));
    }
}
