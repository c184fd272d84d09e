package org.taskneurons.ops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.taskneurons.server.FreePorts;
import org.taskneurons.testing.ChildProcess;

/**
 * Debian's Prometheus ({@code /usr/bin/prometheus}) on a loopback port with a given scrape
 * configuration, queried through its HTTP API. Tests that need it are skipped when it is
 * not installed ({@code .ci/run} installs it).
 */
final class PrometheusServer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChildProcess process;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(ChildProcess process, URI base) {
        this.process = process;
        this.base = base;
    }

    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY), "Prometheus not installed at " + BINARY
                + " (Debian package prometheus, installed by .ci/run), test skipped");
    }

    /** Starts Prometheus with {@code configuration} (prometheus.yml as a map) and waits until it is ready. */
    static PrometheusServer start(Map<String, Object> configuration, Path directory) throws IOException, InterruptedException {
        assumeInstalled();
        Files.createDirectories(directory);
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, Yaml.dump(configuration));
        int port = FreePorts.next();
        ChildProcess process = ChildProcess.start("prometheus", List.of(BINARY.toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + directory.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"), Map.of(), directory);
        URI base = URI.create("http://127.0.0.1:" + port);
        try {
            process.awaitOk(base.resolve("/-/ready"), Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new PrometheusServer(process, base);
    }

    /** The result vector (or matrix) of an instant query; fails on a query error. */
    List<JsonNode> query(String promql) throws IOException, InterruptedException {
        JsonNode data = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        List<JsonNode> result = new ArrayList<>();
        JsonNode values = data.path("result");
        if (data.path("resultType").asText().equals("scalar")) {
            result.add(values);
        } else {
            values.forEach(result::add);
        }
        return result;
    }

    /** Active scrape targets ({@code /api/v1/targets}). */
    List<JsonNode> activeTargets() throws IOException, InterruptedException {
        List<JsonNode> result = new ArrayList<>();
        get("/api/v1/targets?state=active").path("activeTargets").forEach(result::add);
        return result;
    }

    /** The instances of active targets that are up, once all are up or {@code patience} has passed. */
    List<String> targetsUp(Duration patience) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (true) {
            List<String> up = new ArrayList<>();
            List<JsonNode> targets = activeTargets();
            targets.stream().filter(target -> target.path("health").asText().equals("up"))
                    .forEach(target -> up.add(target.path("labels").path("instance").asText()));
            if (!targets.isEmpty() && up.size() == targets.size() || Instant.now().isAfter(deadline)) {
                return up;
            }
            Thread.sleep(500);
        }
    }

    String logTail() {
        return process.logTail();
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !body.path("status").asText().equals("success")) {
            throw new IllegalStateException("Prometheus " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return body.path("data");
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
