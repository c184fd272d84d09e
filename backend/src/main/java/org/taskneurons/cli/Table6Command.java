package org.taskneurons.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.taskneurons.evaluation.Comparison;
import org.taskneurons.evaluation.ComparisonCell;
import org.taskneurons.evaluation.ComparisonRow;
import org.taskneurons.evaluation.Table6;
import org.taskneurons.experiment.SpecReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code table6}: the paper's Table 6 from saved reports, the output of {@code run --json} or the
 * body of {@code GET /api/experiments/:id/report}. Reports of one name are one protocol, so a
 * protocol run as several specs (a search per structure, say) is corrected and counted as one.
 */
@Command(name = "table6", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prints the paper's Table 6 (Markdown) from reports saved by `run --json` or the server's "
                + "report API, one protocol per spec name, with Holm-corrected Wilcoxon p-values and win counts.")
final class Table6Command implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "REPORT", description = "Report JSON files; reports of one spec name are one protocol.")
    List<Path> reports;

    @Option(names = "--out", paramLabel = "PREFIX",
            description = "Also write PREFIX.md and PREFIX.csv (folders created if missing).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Map<String, List<Table6.Entry>> byProtocol = new LinkedHashMap<>();
        for (Path report : reports) {
            JsonNode root = SpecReader.json().readTree(report.toFile());
            JsonNode body = root != null && root.has("report") ? root.get("report") : root;
            byProtocol.computeIfAbsent(text(body, "name", report), name -> new ArrayList<>())
                    .addAll(entries(body, report));
        }
        List<Table6.Protocol> protocols = new ArrayList<>();
        byProtocol.forEach((name, entries) -> protocols.add(Table6.Protocol.of(name, entries)));
        Table6 table = new Table6(protocols);
        spec.commandLine().getOut().print(table.toMarkdown());
        spec.commandLine().getOut().flush();
        if (out != null) {
            Path folder = out.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(out.getFileName() + ".md"), table.toMarkdown());
            Files.writeString(folder.resolve(out.getFileName() + ".csv"), table.toCsv());
        }
        return 0;
    }

    /**
     * The comparison tables of a report. {@code run --json} nests each table's comparison under
     * {@code comparison} with cells' {@code p_value}; the API puts the rows on the table and
     * calls it {@code p}; both are read.
     */
    private static List<Table6.Entry> entries(JsonNode report, Path file) {
        JsonNode datasets = report == null ? null : report.get("datasets");
        if (datasets == null || !datasets.isArray()) {
            throw new IllegalArgumentException(file + ": not a report (no \"datasets\" list)");
        }
        List<Table6.Entry> entries = new ArrayList<>();
        for (int d = 0; d < datasets.size(); d++) {
            JsonNode dataset = datasets.get(d);
            String name = text(dataset, "dataset", file);
            JsonNode tables = dataset.path("tables");
            for (int t = 0; t < tables.size(); t++) {
                String where = file + ": datasets[" + d + "].tables[" + t + "]";
                JsonNode table = tables.get(t);
                List<Integer> structure = new ArrayList<>();
                table.path("structure").forEach(width -> structure.add(width.asInt()));
                JsonNode comparison = table.has("comparison") ? table.get("comparison") : table;
                entries.add(new Table6.Entry(name, structure, comparison(comparison, where)));
            }
        }
        return entries;
    }

    private static Comparison comparison(JsonNode node, String where) {
        List<String> metrics = new ArrayList<>();
        node.path("metrics").forEach(metric -> metrics.add(metric.asText()));
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException(where + ": no metrics");
        }
        List<ComparisonRow> rows = new ArrayList<>();
        for (JsonNode row : node.path("rows")) {
            List<Long> seeds = new ArrayList<>();
            row.path("seeds").forEach(seed -> seeds.add(seed.asLong()));
            Map<String, ComparisonCell> cells = new LinkedHashMap<>();
            for (String metric : metrics) {
                JsonNode cell = row.path("cells").path(metric);
                if (!cell.path("mean").isNumber()) {
                    throw new IllegalArgumentException(where + ": model " + row.path("model").asText()
                            + " has no mean of " + metric);
                }
                cells.put(metric, new ComparisonCell(cell.get("mean").asDouble(), number(cell.get("std")),
                        cell.path("best").asBoolean(), number(cell.has("p_value") ? cell.get("p_value") : cell.get("p"))));
            }
            rows.add(new ComparisonRow(row.path("model").asText(), seeds, row.path("parameters").asDouble(), cells));
        }
        try {
            return new Comparison(node.path("reference").asText(), metrics, rows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Double number(JsonNode node) {
        return node == null || !node.isNumber() ? null : node.asDouble();
    }

    private static String text(JsonNode node, String field, Path file) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(file + ": no \"" + field + "\" text");
        }
        return value.asText();
    }
}
