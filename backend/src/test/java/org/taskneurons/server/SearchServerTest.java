package org.taskneurons.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.taskneurons.cluster.Addresses;

/**
 * Searches on a standalone node as {@code serve} starts it (with a token): one submitted through
 * REST, its trials read through {@code GET /api/experiments/:id/trials} and through the TCP
 * bridge's {@code tn.api.trials}, which answer alike; {@code experiments/search.py} running one
 * over the bridge (skipped without python3).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchServerTest {
    static final String TOKEN = "search-test-token-0123456789";

    @TempDir
    static Path folder;

    Server node;
    WebClient client;

    @BeforeAll
    void start() throws Exception {
        ServerSettings settings = ServerSettings.resolve(ServerSettings.flags("port", "0", "bridge-port", "0", "slots", "2",
                "gpus", "none", "token", TOKEN, "state-dir", folder.resolve("state").toString(),
                "data-root", List.of(folder.toString())), Map.of());
        node = Server.start(settings, new PrintWriter(new StringWriter(), true));
        client = WebClient.create(node.vertx());
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private JsonObject get(String path, int status) {
        HttpResponse<Buffer> response = client.request(HttpMethod.GET, node.port(), "127.0.0.1", path).send().await();
        assertThat(response.statusCode()).as(path + ": " + response.bodyAsString()).isEqualTo(status);
        return response.bodyAsJsonObject();
    }

    @Test
    void theTrialsOfASearchReadTheSameThroughRestAndTheBridge() throws Exception {
        String spec = Files.readString(Path.of("../experiments/search-quickstart.yaml"));
        HttpResponse<Buffer> submitted = client.request(HttpMethod.POST, node.port(), "127.0.0.1", "/api/experiments")
                .bearerTokenAuthentication(TOKEN).putHeader("Content-Type", "application/yaml")
                .sendBuffer(Buffer.buffer(spec)).await();
        assertThat(submitted.statusCode()).as(submitted.bodyAsString()).isEqualTo(201);
        String id = submitted.bodyAsJsonObject().getString("id");
        awaitFinished(id, Duration.ofSeconds(180));

        JsonObject rest = get("/api/experiments/" + id + "/trials?limit=1000", 200);
        assertThat(rest.getString("experiment")).isEqualTo(id);
        assertThat(rest.getJsonArray("trials")).hasSize(2 * (9 + 3 + 1));
        assertThat(rest.getJsonArray("best")).hasSize(2);
        JsonObject first = rest.getJsonArray("trials").getJsonObject(0);
        assertThat(first.fieldNames()).containsExactlyInAnyOrder("task", "dataset", "model", "trial", "config", "rung",
                "epochs", "metric", "value", "state", "promoted", "stopped");
        assertThat(rest.getJsonArray("best").getJsonObject(0).fieldNames())
                .containsExactlyInAnyOrder("dataset", "model", "trial", "config", "metric", "value");

        JsonObject bridged = bridgeRequest(Addresses.API_TRIALS, new JsonObject().put("id", id).put("limit", 1000));
        assertThat(bridged).isEqualTo(rest);

        JsonObject page = get("/api/experiments/" + id + "/trials?offset=2&limit=3", 200);
        assertThat(page.getJsonArray("trials")).containsExactlyElementsOf(rest.getJsonArray("trials").stream().skip(2).limit(3).toList());
        assertThat(get("/api/experiments/no-such-experiment/trials", 404).getString("error")).isNotBlank();
        assertThat(get("/api/experiments/" + id + "/trials?limit=x", 400).getJsonArray("violations").getJsonObject(0)
                .getString("field")).isEqualTo("limit");
    }

    @Test
    void searchPyRunsASearchOverTheBridgeAndPrintsTheBestConfigurations() throws Exception {
        Assumptions.assumeTrue(python3Present(), "python3 is not installed: search.py is not tested");
        Run run = searchPy("--spec", Path.of("../experiments/search-quickstart.yaml").toAbsolutePath().toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("submitted search-quickstart", "trial     trial/paper-no1-low/ordinary/000/1",
                "promotion trial/paper-no1-low/task-based/", "best run  train/paper-no1-low/ordinary/best/1",
                "best configurations", "search-quickstart: DONE");
        String id = run.output().replaceFirst("(?s).*submitted search-quickstart: experiment (\\S+),.*", "$1");
        JsonObject best = get("/api/experiments/" + id + "/trials", 200).getJsonArray("best").getJsonObject(0);
        assertThat(run.output()).contains(String.format("paper-no1-low / %s: trial %d, val_mse ", best.getString("model"),
                best.getInteger("trial")), "(9 trials, 3 rungs, 4 promotions, 21 of 81 epochs)");
        String printedRate = run.output().replaceFirst("(?s).*?learning_rate=([0-9.eE+-]+).*", "$1");
        assertThat(Double.parseDouble(printedRate)).isEqualTo(best.getJsonObject("config").getDouble("learning_rate"));
    }

    @Test
    void searchPyFailsClearlyOnABadSearchOrWithoutTheToken() throws Exception {
        Assumptions.assumeTrue(python3Present(), "python3 is not installed: search.py is not tested");
        Path bad = folder.resolve("bad.yaml");
        Files.writeString(bad, """
                name: bad
                datasets: [{synthetic: paper-no1-low}]
                split: {validation: 0.2}
                search: {space: {learning_rate: {log_uniform: [0, 1]}}}
                """);
        Run invalid = searchPy("--spec", bad.toString());
        assertThat(invalid.exitCode()).as(invalid.output()).isEqualTo(2);
        assertThat(invalid.output()).contains("search.space.learning_rate.log_uniform");
        List<String> command = List.of("python3", Path.of("../experiments/search.py").toAbsolutePath().toString(),
                "--port", Integer.toString(node.bridgePort()), "--spec", bad.toString());
        Run anonymous = run(new ProcessBuilder(command));
        assertThat(anonymous.exitCode()).isEqualTo(2);
        assertThat(anonymous.output()).contains("unauthorized");
    }

    record Run(int exitCode, String output) {
    }

    private Run searchPy(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", Path.of("../experiments/search.py").toAbsolutePath().toString(),
                "--port", Integer.toString(node.bridgePort()), "--token", TOKEN));
        command.addAll(List.of(arguments));
        return run(new ProcessBuilder(command));
    }

    private static Run run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static boolean python3Present() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** One request over the TCP bridge as a script sends it (4-byte length, JSON frame) and its reply's body. */
    private JsonObject bridgeRequest(String address, JsonObject body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", node.bridgePort())) {
            socket.setSoTimeout(30_000);
            byte[] frame = new JsonObject().put("type", "send").put("address", address).put("replyAddress", "reply-1")
                    .put("headers", new JsonObject().put("token", TOKEN)).put("body", body).encode()
                    .getBytes(StandardCharsets.UTF_8);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(frame.length);
            out.write(frame);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[in.readInt()];
            in.readFully(reply);
            JsonObject message = new JsonObject(new String(reply, StandardCharsets.UTF_8));
            assertThat(message.getString("type")).as(message.encode()).isEqualTo("message");
            assertThat(message.getString("address")).isEqualTo("reply-1");
            return message.getJsonObject("body");
        }
    }

    private void awaitFinished(String id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject experiment = null;
        while (System.nanoTime() < deadline) {
            experiment = get("/api/experiments/" + id, 200).getJsonObject("experiment");
            if (!"ACTIVE".equals(experiment.getString("state"))) {
                assertThat(experiment.getString("state")).isEqualTo("DONE");
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not finished after " + timeout + ": " + experiment);
    }
}
