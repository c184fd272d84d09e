package org.taskneurons.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.testing.TinySpec;

/**
 * A standalone node as {@code serve} starts it (real scheduler, workers, H2 store, web server
 * and bridges, with a token): a tiny experiment through REST to its report and CSV, and bad
 * submissions refused with nothing stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class ServerTest {
    static final String TOKEN = "serve-test-token-0123456789";
    /** The quickstart made tiny: the paper's synthetic group no1, 3 epochs, 1 seed. */
    public static final String TINY = TinySpec.yaml("tiny", 3, 1);

    @TempDir
    static Path folder;

    Server node;
    WebClient client;
    StringWriter output = new StringWriter();

    @BeforeAll
    void start() throws Exception {
        Files.writeString(folder.resolve("inside.csv"), "a,y\n1,2\n3,4\n");
        ServerSettings settings = ServerSettings.resolve(ServerSettings.flags("port", "0", "bridge-port", "0", "slots", "2",
                "gpus", "none", "token", TOKEN, "node", "test-node", "state-dir", folder.resolve("state").toString(),
                "data-root", java.util.List.of(folder.resolve("data").toString())), Map.of());
        Files.createDirectories(folder.resolve("data"));
        node = Server.start(settings, new PrintWriter(output, true));
        client = WebClient.create(node.vertx());
    }

    @AfterAll
    void stop() {
        client.close();
        node.close();
    }

    private HttpRequest<Buffer> request(io.vertx.core.http.HttpMethod method, String path) {
        return client.request(method, node.port(), "127.0.0.1", path).bearerTokenAuthentication(TOKEN);
    }

    private JsonArray experiments() {
        HttpResponse<Buffer> list = request(io.vertx.core.http.HttpMethod.GET, "/api/experiments").send().await();
        assertThat(list.statusCode()).isEqualTo(200);
        return list.bodyAsJsonObject().getJsonArray("experiments");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("invalid value", "application/yaml", TINY.replace("epochs: 3", "epochs: 0"), 400, "training.epochs"),
                Arguments.of("unknown field", "application/yaml", TINY + "colour: blue\n", 400, "colour"),
                Arguments.of("file outside the roots", "application/json",
                        "{\"name\": \"x\", \"datasets\": [{\"name\": \"d\", \"file\": \"../inside.csv\"}]}", 400, "datasets[0].file"),
                Arguments.of("absolute file", "application/json",
                        "{\"name\": \"x\", \"datasets\": [{\"name\": \"d\", \"file\": \"/etc/passwd\"}]}", 400, "datasets[0].file"),
                Arguments.of("malformed JSON", "application/json", "{\"name\": [", 400, null),
                Arguments.of("oversize", "application/json", "{\"name\": \"" + "x".repeat(1 << 20) + "\"}", 413, null));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("refused")
    void badSpecsAreRefusedAndNothingIsStored(String what, String type, String body, int status, String field) {
        for (String path : new String[] {"/api/experiments/validate", "/api/experiments"}) {
            HttpResponse<Buffer> response = request(io.vertx.core.http.HttpMethod.POST, path).putHeader("Content-Type", type)
                    .sendBuffer(Buffer.buffer(body)).await();
            assertThat(response.statusCode()).as(what + " " + path + ": " + response.bodyAsString()).isEqualTo(status);
            JsonObject error = response.bodyAsJsonObject();
            assertThat(error.getString("error")).isNotBlank();
            if (field != null) {
                assertThat(error.getJsonArray("violations")).as(error.encode())
                        .anyMatch(violation -> ((JsonObject) violation).getString("field").startsWith(field));
            }
        }
        HttpResponse<Buffer> anonymous = client.post(node.port(), "127.0.0.1", "/api/experiments")
                .putHeader("Content-Type", "application/yaml").sendBuffer(Buffer.buffer(TINY)).await();
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(experiments()).noneMatch(summary -> !"tiny".equals(((JsonObject) summary).getString("name")));
    }

    @Test
    void aTinyExperimentRunsToItsReportResultsAndCsv() throws Exception {
        HttpResponse<Buffer> submitted = request(io.vertx.core.http.HttpMethod.POST, "/api/experiments?name=tiny")
                .putHeader("Content-Type", "application/yaml").sendBuffer(Buffer.buffer(TINY)).await();
        assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(201);
        String id = submitted.bodyAsJsonObject().getString("id");
        assertThat(submitted.getHeader("Location")).isEqualTo("/api/experiments/" + id);
        assertThat(submitted.bodyAsJsonObject().getLong("total")).isEqualTo(3);

        JsonObject experiment = awaitFinished(id, Duration.ofSeconds(90));
        assertThat(experiment.getJsonObject("experiment").getString("state")).isEqualTo("DONE");
        JsonObject report = request(io.vertx.core.http.HttpMethod.GET, "/api/experiments/" + id + "/report").send().await()
                .bodyAsJsonObject().getJsonObject("report");
        JsonObject dataset = report.getJsonArray("datasets").getJsonObject(0);
        assertThat(dataset.getJsonObject("discovery").getString("formula")).isNotBlank();
        assertThat(dataset.getJsonArray("tables").getJsonObject(0).getJsonArray("rows")).hasSize(2);

        JsonArray results = request(io.vertx.core.http.HttpMethod.GET, "/api/experiments/" + id + "/results").send().await()
                .bodyAsJsonObject().getJsonArray("results");
        assertThat(results).hasSize(3);
        HttpResponse<Buffer> csv = request(io.vertx.core.http.HttpMethod.GET, "/api/experiments/" + id + "/results.csv").send().await();
        assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
        String[] lines = csv.bodyAsString().split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).startsWith("task_id,key,kind,dataset,worker,attempt,recorded_at").contains("formula", "testMetrics.mse");

        HttpResponse<Buffer> progress = request(io.vertx.core.http.HttpMethod.GET, "/api/experiments/" + id + "/progress").send().await();
        assertThat(progress.bodyAsJsonObject().getJsonArray("curves")).isNotEmpty();
        String metrics = client.get(node.port(), "127.0.0.1", "/metrics").send().await().bodyAsString();
        assertThat(metrics).contains("tn_queue_depth", "tn_tasks", "tn_task_duration_seconds_bucket", "tn_slots", "jvm_memory_used_bytes")
                .doesNotContain(id);
        HttpResponse<Buffer> health = client.get(node.port(), "127.0.0.1", "/health").send().await();
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.bodyAsJsonObject().getString("store")).isEqualTo("UP");

        assertThat(request(io.vertx.core.http.HttpMethod.DELETE, "/api/experiments/" + id).send().await().statusCode()).isEqualTo(204);
        assertThat(request(io.vertx.core.http.HttpMethod.GET, "/api/experiments/" + id).send().await().statusCode()).isEqualTo(404);
    }

    private JsonObject awaitFinished(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject experiment = null;
        while (System.nanoTime() < deadline) {
            experiment = request(io.vertx.core.http.HttpMethod.GET, "/api/experiments/" + id).send().await().bodyAsJsonObject();
            if (!"ACTIVE".equals(experiment.getJsonObject("experiment").getString("state"))) {
                return experiment;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not finished after " + timeout + ": " + experiment);
    }

}
