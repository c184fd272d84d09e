package org.taskneurons.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.taskneurons.nn.ComparisonCell;
import org.taskneurons.nn.ComparisonRow;

/**
 * The JSON of task results as workers send and the store keeps them (the outcome records'
 * fields in camelCase; a metric that is not finite as the string {@code "NaN"}), and of reports
 * as the server's API returns them:
 *
 * <pre>
 * {name, datasets: [{dataset, discovery: {formula, latex, trainMse, method, ...} | null,
 *   tables: [{structure, structureName, reference, metrics,
 *             rows: [{model, parameters, n, seeds, cells: {mse: {mean, std, best, p}}}]}],
 *   excluded: [...], failures: {key: error}}]}
 * </pre>
 */
public final class ResultJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultJson() {
    }

    /** A discovery's or a training's outcome as result JSON. */
    public static String write(Object outcome) {
        try {
            return MAPPER.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DiscoveryStep.Outcome discovery(String json) {
        return read(json, DiscoveryStep.Outcome.class);
    }

    public static TrainingStep.Outcome training(String json) {
        return read(json, TrainingStep.Outcome.class);
    }

    /** A report in the API's form (see the class comment). */
    public static String report(LocalRunner.Report report) {
        ObjectNode root = MAPPER.createObjectNode().put("name", report.name());
        ArrayNode datasets = root.putArray("datasets");
        for (LocalRunner.DatasetReport dataset : report.datasets()) {
            ObjectNode node = datasets.addObject().put("dataset", dataset.dataset());
            node.set("discovery", dataset.discovery() == null ? null : MAPPER.valueToTree(dataset.discovery()));
            ArrayNode tables = node.putArray("tables");
            dataset.tables().forEach(table -> table(tables.addObject(), table));
            ArrayNode excluded = node.putArray("excluded");
            dataset.excluded().forEach(excluded::add);
            ObjectNode failures = node.putObject("failures");
            dataset.failures().forEach(failures::put);
        }
        return root.toString();
    }

    private static void table(ObjectNode node, LocalRunner.Table table) {
        ArrayNode structure = node.putArray("structure");
        table.structure().forEach(structure::add);
        node.put("structureName", PlannedTask.structureName(table.structure()));
        node.put("reference", table.comparison().reference());
        ArrayNode metrics = node.putArray("metrics");
        table.comparison().metrics().forEach(metrics::add);
        ArrayNode rows = node.putArray("rows");
        for (ComparisonRow row : table.comparison().rows()) {
            ObjectNode line = rows.addObject().put("model", row.model()).put("parameters", row.parameters())
                    .put("n", row.seeds().size()).put("leftOut", row.leftOut()).put("runs", row.runs());
            ArrayNode seeds = line.putArray("seeds");
            row.seeds().forEach(seeds::add);
            ObjectNode cells = line.putObject("cells");
            row.cells().forEach((metric, cell) -> cell(cells.putObject(metric), cell));
        }
    }

    private static void cell(ObjectNode node, ComparisonCell cell) {
        node.put("mean", cell.mean()).put("std", cell.std()).put("best", cell.best()).put("p", cell.pValue());
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " result: " + e.getOriginalMessage(), e);
        }
    }
}
