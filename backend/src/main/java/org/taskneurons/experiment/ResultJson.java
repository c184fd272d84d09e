package org.taskneurons.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.taskneurons.evaluation.ComparisonCell;
import org.taskneurons.evaluation.ComparisonRow;

/**
 * The JSON of task results as workers send and the store keeps them (the outcome records'
 * fields in camelCase; a metric that is not finite as the string {@code "NaN"}), and of reports
 * as the server's API returns them:
 *
 * <pre>
 * {name, datasets: [{dataset, discovery: {formula, latex, trainMse, method, ...} | null,
 *   tables: [{structure, structureName, reference, metrics,
 *             rows: [{model, parameters, n, seeds, cells: {mse: {mean, std, best, p}}}]}],
 *   excluded: [...], failures: {key: error}}],
 *  search: [{dataset, model, trials, epochs_spent, epochs_full_budget, best: {config, metric, value, trial}}]}
 * </pre>
 * A search's table has the structure null and the structure name {@code best}.
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

    /** A trial's result: its training outcome with its {@link TrialResult} as {@code trial}. */
    public static String writeTrial(TrainingStep.Outcome outcome, TrialResult trial) {
        ObjectNode node = MAPPER.valueToTree(outcome);
        node.set("trial", MAPPER.valueToTree(trial));
        return write(node);
    }

    /** The trial part of a result; empty for a result that is not a trial's. */
    public static Optional<TrialResult> trial(String json) {
        try {
            JsonNode trial = MAPPER.readTree(json).get("trial");
            return trial == null ? Optional.empty() : Optional.of(MAPPER.treeToValue(trial, TrialResult.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a trial result: " + e.getOriginalMessage(), e);
        }
    }

    /** A trial result on its own (as a promoted task's input carries it). */
    public static TrialResult trialResult(String json) {
        return read(json, TrialResult.class);
    }

    /** A search task as {@link #write} wrote it. */
    public static SearchTask searchTask(String json) {
        return read(json, SearchTask.class);
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
        ArrayNode searches = root.putArray("search");
        for (SearchPlan.Summary summary : report.search()) {
            ObjectNode node = searches.addObject().put("dataset", summary.dataset()).put("model", summary.model().label())
                    .put("trials", summary.trials()).put("epochs_spent", summary.epochsSpent())
                    .put("epochs_full_budget", summary.epochsFullBudget());
            node.putObject("best").put("metric", summary.best().metric()).put("value", summary.best().value())
                    .put("trial", summary.best().trial()).set("config", MAPPER.valueToTree(summary.best().config()));
        }
        return root.toString();
    }

    private static void table(ObjectNode node, LocalRunner.Table table) {
        if (table.structure() == null) {
            node.putNull("structure");
        } else {
            table.structure().forEach(node.putArray("structure")::add);
        }
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
