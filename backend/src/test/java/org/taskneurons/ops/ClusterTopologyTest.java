package org.taskneurons.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskneurons.store.StoreConfig;
import org.taskneurons.testing.ChildProcess;

/**
 * docker/docker-compose.yml's topology as processes on loopback: the coordinator and the two
 * workers run {@code serve} in child JVMs with the compose file's command and {@code TN_*}
 * environment, where only what a container gets from Docker is replaced (its own address,
 * ports that would collide on one host, service names of members, the PostgreSQL URL from
 * {@code TN_TEST_POSTGRES_URL}, folders for the volumes); Prometheus scrapes them with the
 * shipped scrape configuration pointed at loopback. A noop experiment must complete with tasks
 * on both workers, Prometheus must see all three targets up, and every dashboard query must
 * return data from the cluster.
 */
@Tag("cluster")
class ClusterTopologyTest {
    private static final List<String> NODES = List.of("coordinator", "worker-1", "worker-2");
    private static final int NOOP_TASKS = 24;

    @TempDir
    Path directory;

    @Test
    void composeTopologyRunsANoopExperimentOnBothWorkers() throws Exception {
        String postgres = System.getenv("TN_TEST_POSTGRES_URL");
        assumeTrue(postgres != null && !postgres.isBlank(),
                "TN_TEST_POSTGRES_URL not set (source .ci/postgres.sh), test skipped");
        PrometheusServer.assumeInstalled();
        ComposeFile compose = ComposeFile.read(DeploymentFilesTest.DOCKER.resolve("docker-compose.yml"));
        String schema = "ops_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(postgres, "CREATE SCHEMA " + schema);
        Files.createDirectories(directory.resolve("datasets"));
        List<ChildProcess> processes = new ArrayList<>();
        try {
            Map<String, LoopbackPorts> ports = LoopbackPorts.free(NODES);
            String store = postgres + (postgres.contains("?") ? "&" : "?") + "search_path=" + schema;
            for (String node : NODES) {
                Map<String, String> environment = LoopbackPorts.environment(compose, node, ports, store);
                // Folders standing in for the volumes: one data sets folder shared by all.
                environment.put("TN_STATE_DIR", directory.resolve(node).resolve("state").toString());
                environment.put("TN_DATA_ROOT", directory.resolve("datasets").toString());
                ChildProcess process = ChildProcess.java(node, compose.command(node), environment, directory.resolve(node));
                processes.add(process);
                // depends_on: the workers start once the coordinator is healthy.
                process.awaitOk(ports.get(node).base().resolve("/health"), Duration.ofSeconds(180));
            }
            Map<String, String> addresses = new LinkedHashMap<>();
            ports.forEach((node, port) -> addresses.put(node, port.httpAddress()));
            try (PrometheusServer prometheus = PrometheusServer.start(ScrapeConfig.forLoopback(addresses),
                    directory.resolve("prometheus"))) {
                TaskNeuronsApi api = new TaskNeuronsApi(ports.get("coordinator").base());
                String id = api.submit("{\"v\": 1, \"noop\": {\"tasks\": " + NOOP_TASKS + ", \"sleepMs\": 200, \"name\": \"ops-cluster\"}}",
                        "application/json").path("id").asText();
                JsonNode summary = api.awaitEnd(id, Duration.ofMinutes(3));
                assertThat(summary.path("state").asText()).as("%s\n%s", summary, logs(processes)).isEqualTo("DONE");
                assertThat(summary.path("counts").path("DONE").asInt()).isEqualTo(NOOP_TASKS);

                Set<String> nodesThatRan = new LinkedHashSet<>();
                api.get("/api/experiments/" + id + "/results").path("results")
                        .forEach(result -> nodesThatRan.add(TaskNeuronsApi.node(result)));
                assertThat(nodesThatRan).containsExactlyInAnyOrder("worker-1", "worker-2");

                assertThat(prometheus.targetsUp(Duration.ofSeconds(30))).as(prometheus.logTail())
                        .containsExactlyInAnyOrderElementsOf(addresses.values());
                assertThat(DashboardQueriesTest.queriesWithoutData(prometheus, Dashboard.read(), false, Duration.ofSeconds(60)))
                        .as("dashboard queries without data on the cluster\n%s", logs(processes)).isEmpty();
            }
        } finally {
            for (int i = processes.size() - 1; i >= 0; i--) {
                processes.get(i).close();
            }
            execute(postgres, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static String logs(List<ChildProcess> processes) {
        StringBuilder logs = new StringBuilder();
        processes.forEach(process -> logs.append("--- ").append(process.name()).append('\n').append(process.logTail()).append('\n'));
        return logs.toString();
    }

    private static void execute(String postgresUrl, String sql) throws SQLException {
        StoreConfig config = StoreConfig.postgres(postgresUrl);
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
