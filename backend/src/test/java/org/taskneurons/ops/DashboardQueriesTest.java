package org.taskneurons.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskneurons.server.FreePorts;
import org.taskneurons.testing.ChildProcess;

/**
 * Every query of the Grafana dashboard returns data from a real server: a standalone node
 * ({@code serve} in a child JVM) runs a small experiment (one discovery, two trainings) two or three times
 * while Debian's Prometheus scrapes its {@code /metrics} every second with the shipped scrape
 * configuration; then each panel query and each variable's selector, as Grafana would send
 * them, must give a result with a number (not only NaN) through Prometheus' HTTP API. A panel
 * that names a metric nobody exports, or a label nobody sets, fails here.
 */
class DashboardQueriesTest {
    /** Stands in for Grafana's $__rate_interval: several of this test's 1 s scrapes. */
    private static final String RATE_WINDOW = "1m";
    private static final String SPEC = """
            name: ops-dashboard
            datasets:
              - synthetic: paper-no1-low
            discovery:
              method: subset
              scale: minmax
            models: [task-based, ordinary]
            structures: [[2]]
            training:
              optimizer: rmsprop
              learning_rate: 0.01
              epochs: 3
              batch_size: 10
              scale: minmax
              model_structures: {task-based: []}
            seeds: [1]
            """;

    @TempDir
    Path directory;

    @Test
    void everyDashboardQueryReturnsData() throws Exception {
        PrometheusServer.assumeInstalled();
        int port = FreePorts.next();
        Files.createDirectories(directory.resolve("data"));
        try (ChildProcess node = ChildProcess.java("standalone", List.of("serve", "--mode", "standalone",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--bridge-port", String.valueOf(FreePorts.next()),
                "--state-dir", directory.resolve("state").toString(), "--data-root", directory.resolve("data").toString(),
                "--node", "ops-standalone", "--slots", "2", "--gpus", "none"), Map.of(), directory)) {
            URI base = URI.create("http://127.0.0.1:" + port);
            node.awaitOk(base.resolve("/health"), Duration.ofSeconds(120));
            try (PrometheusServer prometheus = PrometheusServer.start(
                    ScrapeConfig.forLoopback(Map.of("coordinator", "127.0.0.1:" + port)), directory.resolve("prometheus"))) {
                TaskNeuronsApi api = new TaskNeuronsApi(base);
                // Twice: a timer's series appears with its first recording, so only tasks
                // recorded after Prometheus has seen the series move rate() and the quantiles.
                // Up to three runs, until every query has a number; after each, the queries are
                // polled until they all have one or a few scrapes (the last run: a minute) passed.
                Map<String, String> empty = Map.of();
                for (int run = 0; run < 3 && (run < 2 || !empty.isEmpty()); run++) {
                    String id = api.submit(SPEC, "application/yaml").path("id").asText();
                    JsonNode summary = api.awaitEnd(id, Duration.ofMinutes(4));
                    assertThat(summary.path("state").asText()).as("experiment %s\n%s", summary, node.logTail()).isEqualTo("DONE");
                    empty = queriesWithoutData(prometheus, Dashboard.read(), true, Duration.ofSeconds(run < 2 ? 5 : 60));
                }
                assertThat(empty).as("dashboard queries without data (Prometheus targets %s, task durations %s)\nnode log:\n%s",
                        prometheus.activeTargets(), prometheus.query("tn_task_duration_seconds_count[1m]"), node.logTail())
                        .isEmpty();
            }
        }
    }

    /**
     * The queries (and variable selectors) that still return nothing when {@code patience}
     * has passed, where to expression; with {@code numbers}, a result of only NaN (a quantile
     * of no recent observations) counts as nothing. Series appear with the first scrape after
     * a meter is registered, so each query is retried until then.
     */
    static Map<String, String> queriesWithoutData(PrometheusServer prometheus, Dashboard dashboard, boolean numbers,
            Duration patience) throws IOException, InterruptedException {
        List<Dashboard.Query> pending = new ArrayList<>(dashboard.queries());
        pending.addAll(dashboard.variableSelectors());
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            List<Dashboard.Query> still = new ArrayList<>();
            for (Dashboard.Query query : pending) {
                List<JsonNode> result = prometheus.query(query.forPrometheus(dashboard.variableNames(), RATE_WINDOW));
                if (result.isEmpty() || numbers && result.stream().noneMatch(DashboardQueriesTest::isNumber)) {
                    still.add(query);
                }
            }
            pending = still;
            if (pending.isEmpty() || Instant.now().isAfter(deadline)) {
                Map<String, String> empty = new LinkedHashMap<>();
                pending.forEach(query -> empty.put(query.where(), query.forPrometheus(dashboard.variableNames(), RATE_WINDOW)));
                return empty;
            }
            Thread.sleep(1000);
        }
    }

    /** Whether an instant-query sample ({@code {metric, value: [time, "text"]}}) or a series is a number. */
    private static boolean isNumber(JsonNode sample) {
        JsonNode value = sample.path("value");
        if (value.isMissingNode()) {
            return true;
        }
        String text = value.path(1).asText();
        return !text.equals("NaN") && !text.isEmpty();
    }
}
