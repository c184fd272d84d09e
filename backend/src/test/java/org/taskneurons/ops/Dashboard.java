package org.taskneurons.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Grafana dashboard JSON: its panels, their queries, and those queries as Prometheus reads them. */
record Dashboard(JsonNode json) {
    static final Path FILE = Path.of("..", "grafana", "dashboards", "taskneurons.json");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*([A-Za-z_][A-Za-z0-9_]*)\\)");

    static Dashboard read() throws IOException {
        return new Dashboard(new ObjectMapper().readTree(FILE.toFile()));
    }

    /** Every panel, those inside collapsed rows too. */
    List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    List<JsonNode> dataPanels() {
        return panels().stream().filter(panel -> !panel.path("type").asText().equals("row")).toList();
    }

    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : dataPanels()) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(panel.path("title").asText() + " / " + target.path("refId").asText(),
                        target.path("expr").asText()));
            }
        }
        return queries;
    }

    /** Template variables' queries ({@code label_values(metric, label)}) as the selector they list values of. */
    List<Query> variableSelectors() {
        List<Query> selectors = new ArrayList<>();
        for (JsonNode variable : json.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                Matcher matcher = LABEL_VALUES.matcher(variable.path("definition").asText());
                if (!matcher.matches()) {
                    throw new IllegalStateException("variable " + variable.path("name") + " is not label_values(...)");
                }
                selectors.add(new Query("variable $" + variable.path("name").asText(), matcher.group(1).trim()));
            }
        }
        return selectors;
    }

    List<String> variableNames() {
        List<String> names = new ArrayList<>();
        json.path("templating").path("list").forEach(variable -> names.add(variable.path("name").asText()));
        return names;
    }

    /** A panel query: where it is ("Throughput / A") and its PromQL as written in Grafana. */
    record Query(String where, String expr) {
        /**
         * The query as Prometheus can run it: Grafana's {@code $__rate_interval} becomes
         * {@code rateWindow}, every dashboard variable its "All" value, the regex {@code .*}.
         */
        String forPrometheus(List<String> variables, String rateWindow) {
            String promql = expr.replace("$__rate_interval", rateWindow).replace("${__rate_interval}", rateWindow);
            for (String variable : variables) {
                promql = promql.replace("${" + variable + "}", ".*").replace("$" + variable, ".*");
            }
            if (promql.contains("$")) {
                throw new IllegalStateException(where + ": unknown Grafana variable in " + expr);
            }
            return promql;
        }
    }
}
