package org.taskneurons.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Models compared over repeated runs, as in the paper's Table 6: per model and metric the
 * mean and sample standard deviation over seeds, the best mean marked, and the paired
 * Wilcoxon signed-rank p-value of a reference model (the task-based network) against each
 * other model over the seeds both ran. Built by {@link #of}; rendered by {@link #toText()}
 * and {@link #toCsv()}; its records serialize to JSON as they are.
 *
 * <p>Models keep the order of their first run, metrics the order of the first run's metrics.
 *
 * @param reference the model the others are tested against
 * @param metrics   the metric keys, in column order
 * @param rows      one row per model
 */
public record Comparison(String reference, List<String> metrics, List<ComparisonRow> rows) {

    public Comparison {
        Objects.requireNonNull(reference, "reference");
        metrics = List.copyOf(metrics);
        rows = List.copyOf(rows);
        if (rows.stream().noneMatch(row -> row.model().equals(reference))) {
            throw new IllegalArgumentException("reference model '" + reference + "' is not among the models "
                    + rows.stream().map(ComparisonRow::model).toList());
        }
        for (ComparisonRow row : rows) {
            if (!row.cells().keySet().equals(new LinkedHashSet<>(metrics))) {
                throw new IllegalArgumentException("model '" + row.model() + "' has metrics " + row.cells().keySet()
                        + ", the comparison " + metrics);
            }
        }
    }

    /**
     * The comparison of the models in {@code runs} against {@code reference}. Every run must
     * report the same metrics, and no model may run a seed twice.
     */
    public static Comparison of(String reference, List<ComparisonRun> runs) {
        return of(reference, runs, Map.of());
    }

    /**
     * {@link #of(String, List)} where some runs diverged and were left out before: their count
     * by model, shown beside the model's runs ("9 of 10").
     */
    public static Comparison of(String reference, List<ComparisonRun> runs, Map<String, Integer> leftOut) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to compare");
        }
        Map<String, Map<Long, ComparisonRun>> byModel = new LinkedHashMap<>();
        List<String> metrics = List.copyOf(runs.get(0).metrics().keySet());
        for (ComparisonRun run : runs) {
            if (!run.metrics().keySet().equals(new LinkedHashSet<>(metrics))) {
                throw new IllegalArgumentException("run of '" + run.model() + "' with seed " + run.seed()
                        + " reports " + run.metrics().keySet() + ", the first run " + metrics);
            }
            Map<Long, ComparisonRun> seeds = byModel.computeIfAbsent(run.model(), model -> new LinkedHashMap<>());
            if (seeds.putIfAbsent(run.seed(), run) != null) {
                throw new IllegalArgumentException("model '" + run.model() + "' ran seed " + run.seed() + " twice");
            }
        }
        if (!byModel.containsKey(reference)) {
            throw new IllegalArgumentException("reference model '" + reference + "' has no runs; the models are "
                    + byModel.keySet());
        }
        Map<String, Double> bestMeans = new LinkedHashMap<>();
        for (String metric : metrics) {
            bestMeans.put(metric, byModel.values().stream().map(seeds -> mean(seeds, metric))
                    .reduce((a, b) -> Metric.of(metric).isBetter(b, a) ? b : a).orElseThrow());
        }
        List<ComparisonRow> rows = new ArrayList<>();
        byModel.forEach((model, seeds) -> rows.add(row(model, seeds, byModel.get(reference), model.equals(reference),
                metrics, bestMeans, leftOut.getOrDefault(model, 0))));
        return new Comparison(reference, metrics, rows);
    }

    private static ComparisonRow row(String model, Map<Long, ComparisonRun> seeds, Map<Long, ComparisonRun> reference,
                                     boolean isReference, List<String> metrics, Map<String, Double> bestMeans,
                                     int leftOut) {
        Map<String, ComparisonCell> cells = new LinkedHashMap<>();
        for (String metric : metrics) {
            double mean = mean(seeds, metric);
            cells.put(metric, new ComparisonCell(mean, standardDeviation(seeds, metric, mean),
                    mean == bestMeans.get(metric), isReference ? null : pValue(reference, seeds, metric)));
        }
        double parameters = seeds.values().stream().mapToLong(ComparisonRun::parameters).average().orElseThrow();
        return new ComparisonRow(model, List.copyOf(seeds.keySet()), parameters, cells, leftOut);
    }

    private static double mean(Map<Long, ComparisonRun> seeds, String metric) {
        return seeds.values().stream().mapToDouble(run -> run.metrics().get(metric)).average().orElseThrow();
    }

    private static Double standardDeviation(Map<Long, ComparisonRun> seeds, String metric, double mean) {
        if (seeds.size() < 2) {
            return null;
        }
        double sum = seeds.values().stream().mapToDouble(run -> run.metrics().get(metric) - mean)
                .map(deviation -> deviation * deviation).sum();
        return Math.sqrt(sum / (seeds.size() - 1));
    }

    /** Paired over the seeds both models ran, in the reference's seed order. */
    private static Double pValue(Map<Long, ComparisonRun> reference, Map<Long, ComparisonRun> other, String metric) {
        List<Long> shared = reference.keySet().stream().filter(other::containsKey).toList();
        if (shared.isEmpty()) {
            return null;
        }
        double[] first = shared.stream().mapToDouble(seed -> reference.get(seed).metrics().get(metric)).toArray();
        double[] second = shared.stream().mapToDouble(seed -> other.get(seed).metrics().get(metric)).toArray();
        return Wilcoxon.signedRank(first, second).pValue();
    }

    /** The row of {@code model}. */
    public ComparisonRow row(String model) {
        return rows.stream().filter(row -> row.model().equals(model)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no model '" + model + "' in the comparison; it has "
                        + rows.stream().map(ComparisonRow::model).toList()));
    }

    /**
     * A plain-text table: per metric "mean (std)" to 4 significant digits, {@code *} after the
     * best mean, the mean parameter count, and per metric the p-value against the reference.
     */
    public String toText() {
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("model", "runs"));
        header.addAll(metrics);
        header.add("parameters");
        metrics.forEach(metric -> header.add("p(" + metric + ")"));
        table.add(header);
        for (ComparisonRow row : rows) {
            List<String> line = new ArrayList<>(List.of(row.model(), row.runs()));
            for (String metric : metrics) {
                ComparisonCell cell = row.cell(metric);
                line.add(significant(cell.mean()) + " (" + (cell.std() == null ? "-" : significant(cell.std())) + ")"
                        + (cell.best() ? "*" : ""));
            }
            line.add(String.format(Locale.ROOT, "%.0f", row.parameters()));
            for (String metric : metrics) {
                Double p = row.cell(metric).pValue();
                line.add(p == null ? "-" : significant(p));
            }
            table.add(line);
        }
        return aligned(table) + "mean (sample std) over runs; * best mean; p: two-sided paired Wilcoxon signed-rank "
                + "test of " + reference + " against the model over shared seeds"
                + (rows.stream().anyMatch(row -> row.leftOut() > 0)
                        ? "; runs 'n of m': m - n diverged or started dead and are left out" : "")
                + "\n";
    }

    /**
     * The comparison as CSV with a header row: model, runs, parameters, then per metric its
     * mean, std, best and p columns, numbers at full precision, undefined ones empty.
     */
    public String toCsv() {
        List<String> header = new ArrayList<>(List.of("model", "runs", "parameters"));
        metrics.forEach(metric -> header.addAll(List.of(metric + "_mean", metric + "_std", metric + "_best",
                metric + "_p")));
        StringBuilder csv = new StringBuilder(csvLine(header));
        for (ComparisonRow row : rows) {
            List<String> line = new ArrayList<>(List.of(row.model(), String.valueOf(row.seeds().size()),
                    String.valueOf(row.parameters())));
            for (String metric : metrics) {
                ComparisonCell cell = row.cell(metric);
                line.addAll(List.of(String.valueOf(cell.mean()), orEmpty(cell.std()), String.valueOf(cell.best()),
                        orEmpty(cell.pValue())));
            }
            csv.append(csvLine(line));
        }
        return csv.toString();
    }

    private static String significant(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }

    static String orEmpty(Double value) {
        return value == null ? "" : String.valueOf(value);
    }

    static String csvLine(List<String> fields) {
        return fields.stream().map(Comparison::csvField).collect(Collectors.joining(",")) + "\n";
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    private static String csvField(String field) {
        return field.matches("(?s).*[,\"\r\n].*") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }

    private static String aligned(List<List<String>> table) {
        int[] widths = new int[table.get(0).size()];
        for (List<String> line : table) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        Function<List<String>, String> render = line -> {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                text.append(c == 0 ? "" : "  ").append(String.format("%-" + widths[c] + "s", line.get(c)));
            }
            return text.toString().stripTrailing() + "\n";
        };
        return table.stream().map(render).collect(Collectors.joining());
    }
}
