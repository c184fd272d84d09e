package org.taskneurons.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An experiment's results as one CSV table (RFC 4180), one row per task: who ran it and when,
 * the data set (whole, whatever characters its name holds), then every field of the result flattened to a dotted
 * column ({@code testMetrics.mse}). Lists stay JSON text in one cell. Columns appear in the
 * order first seen, so discovery columns come before training ones.
 */
final class ResultsCsv {
    private static final List<String> LEADING = List.of("task_id", "key", "kind", "dataset", "worker", "attempt", "recorded_at");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private ResultsCsv() {
    }

    /** The table for the {@code results} array of {@code tn.api.results}. */
    static String of(JsonArray results) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>(LEADING);
        for (Object entry : results) {
            JsonObject result = (JsonObject) entry;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("task_id", result.getValue("taskId"));
            row.put("key", result.getValue("key"));
            row.put("kind", result.getValue("kind"));
            row.put("dataset", result.getValue("dataset"));
            row.put("worker", result.getValue("worker"));
            row.put("attempt", result.getValue("attempt"));
            row.put("recorded_at", result.getValue("recordedAt"));
            JsonObject fields = result.getJsonObject("result");
            if (fields != null) {
                flatten("", fields, row);
            }
            columns.addAll(row.keySet());
            rows.add(row);
        }
        StringBuilder csv = new StringBuilder();
        line(csv, new ArrayList<>(columns));
        for (Map<String, Object> row : rows) {
            List<Object> cells = new ArrayList<>(columns.size());
            for (String column : columns) {
                cells.add(row.get(column));
            }
            line(csv, cells);
        }
        return csv.toString();
    }

    private static void flatten(String prefix, JsonObject object, Map<String, Object> row) {
        for (Map.Entry<String, Object> field : object) {
            String name = prefix + field.getKey();
            if (field.getValue() instanceof JsonObject nested) {
                flatten(name + ".", nested, row);
            } else if (field.getValue() instanceof JsonArray list) {
                row.put(name, list.encode());
            } else {
                row.put(name, field.getValue());
            }
        }
    }

    private static void line(StringBuilder csv, List<?> cells) {
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(c)));
        }
        csv.append("\r\n");
    }

    /**
     * One cell, quoted where needed; text that a spreadsheet would run as a formula gets a
     * leading apostrophe (numbers, including negative ones, stay as they are).
     */
    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(value);
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !NUMBER.matcher(text).matches()) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
