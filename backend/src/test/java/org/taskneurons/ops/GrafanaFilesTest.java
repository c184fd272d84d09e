package org.taskneurons.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.taskneurons.cluster.MetricNames;

/**
 * The Grafana provisioning and dashboard: the dashboard's data source is the provisioned
 * one (by uid), every panel has queries, and together they cover every Task Neurons metric.
 * {@link DashboardQueriesTest} runs the queries against a real Prometheus.
 */
class GrafanaFilesTest {
    static final Path PROVISIONING = Path.of("..", "grafana", "provisioning");
    static final Path DASHBOARDS_PROVISIONING = PROVISIONING.resolve("dashboards").resolve("taskneurons.yaml");

    private static Dashboard dashboard;

    @BeforeAll
    static void read() throws IOException {
        dashboard = Dashboard.read();
    }

    static Map<String, Object> datasource() throws IOException {
        List<Object> datasources = Yaml.list(Yaml.read(PROVISIONING.resolve("datasources").resolve("prometheus.yaml")), "datasources");
        assertThat(datasources).hasSize(1);
        return Yaml.map(datasources.get(0));
    }

    @Test
    void datasourceIsPrometheusWithAFixedUid() throws IOException {
        Map<String, Object> datasource = datasource();
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("isDefault", true);
        assertThat(String.valueOf(datasource.get("uid"))).isNotBlank();
    }

    @Test
    void everyPanelQueriesTheProvisionedDatasource() throws IOException {
        String uid = String.valueOf(datasource().get("uid"));
        List<JsonNode> references = new ArrayList<>();
        for (JsonNode panel : dashboard.dataPanels()) {
            references.add(panel.path("datasource"));
            panel.path("targets").forEach(target -> references.add(target.path("datasource")));
        }
        dashboard.json().path("templating").path("list").forEach(variable -> references.add(variable.path("datasource")));
        assertThat(references).isNotEmpty().allSatisfy(reference -> {
            assertThat(reference.path("type").asText()).isEqualTo("prometheus");
            assertThat(reference.path("uid").asText()).isEqualTo(uid);
        });
    }

    @Test
    void panelsHaveQueriesAndFitTheGrid() {
        Set<Integer> ids = new HashSet<>();
        assertThat(dashboard.json().path("uid").asText()).isEqualTo("taskneurons");
        for (JsonNode panel : dashboard.panels()) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", panel.path("title")).isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("width of %s", panel.path("title")).isBetween(1, 24);
        }
        for (JsonNode panel : dashboard.dataPanels()) {
            assertThat(panel.path("targets")).as("queries of %s", panel.path("title")).isNotEmpty();
        }
        assertThat(dashboard.queries()).allSatisfy(query -> {
            assertThat(query.expr()).as(query.where()).isNotBlank();
            assertThat(query.forPrometheus(dashboard.variableNames(), "1m")).as(query.where()).doesNotContain("$");
        });
    }

    /** Each name in MetricNames, as Prometheus spells it, appears in some panel's query. */
    @Test
    void dashboardCoversEveryTaskNeuronsMetric() throws IllegalAccessException {
        String queries = String.join("\n", dashboard.queries().stream().map(Dashboard.Query::expr).toList());
        List<String> metrics = new ArrayList<>();
        for (Field field : MetricNames.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof String name && name.startsWith("tn.")) {
                metrics.add(name.replace('.', '_'));
            }
        }
        assertThat(metrics).hasSizeGreaterThanOrEqualTo(9).allSatisfy(metric -> assertThat(Pattern.compile(
                "(?<![a-z_])" + metric + "(_seconds_(bucket|count|sum)|_total)?(?![a-z_])").matcher(queries).find())
                .as("a panel queries %s", metric).isTrue());
    }

    @Test
    void dashboardCoversJvmAndEventBus() {
        String queries = String.join("\n", dashboard.queries().stream().map(Dashboard.Query::expr).toList());
        assertThat(queries).contains("jvm_memory_used_bytes{area=\"heap\"", "jvm_gc_pause_seconds_", "vertx_eventbus_",
                "histogram_quantile(0.5,", "histogram_quantile(0.95,", "tn_task_duration_seconds_bucket");
    }

    @Test
    void dashboardsProviderLoadsFromAFolder() throws IOException {
        List<Object> providers = Yaml.list(Yaml.read(DASHBOARDS_PROVISIONING), "providers");
        assertThat(providers).hasSize(1);
        Map<String, Object> provider = Yaml.map(providers.get(0));
        assertThat(provider).containsEntry("type", "file");
        assertThat(String.valueOf(Yaml.map(provider, "options").get("path"))).startsWith("/");
    }
}
