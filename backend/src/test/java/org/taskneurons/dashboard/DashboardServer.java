package org.taskneurons.dashboard;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.taskneurons.cluster.Node;
import org.taskneurons.cluster.NodeConfig;
import org.taskneurons.store.StoreConfig;
import org.taskneurons.web.WebConfig;
import org.taskneurons.web.WebServer;

/**
 * A real standalone server for the browser tests, in this JVM: local Vert.x, a node with an
 * H2 store in a temporary folder and its workers, and the web server on an ephemeral loopback
 * port serving the REST API, the SockJS bridge and the dashboard from the classpath.
 */
final class DashboardServer implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final Node node;
    private final WebServer web;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private DashboardServer(Vertx vertx, Node node, WebServer web) {
        this.vertx = vertx;
        this.node = node;
        this.web = web;
    }

    static DashboardServer start(Path stateDir, Path dataRoot) throws Exception {
        return start(stateDir, dataRoot, null);
    }

    /** With a token, mutating calls and the bridge need it (as a server beyond loopback would). */
    static DashboardServer start(Path stateDir, Path dataRoot, String token) throws Exception {
        Files.createDirectories(stateDir);
        Files.createDirectories(dataRoot);
        Vertx vertx = Vertx.vertx();
        try {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            NodeConfig nodeConfig = NodeConfig.standalone(StoreConfig.h2(stateDir.resolve("store")), List.of(dataRoot))
                    .withSlots(2).withUseGpus(false);
            Node node = await(Node.deploy(vertx, nodeConfig, registry).toCompletionStage().toCompletableFuture());
            WebConfig local = WebConfig.local(List.of(dataRoot));
            WebConfig config = new WebConfig(local.host(), 0, WebConfig.BRIDGE_OFF, token, token != null, local.bodyLimit(),
                    local.uploadLimit(), local.dataRoots(), "http://127.0.0.1:3000/d/taskneurons", true, nodeConfig.nodeName(),
                    "standalone", local.apiTimeout(), local.allowedHosts(), local.bridgeMaxFrame());
            WebServer web = await(WebServer.start(vertx, config, registry).toCompletionStage().toCompletableFuture());
            return new DashboardServer(vertx, node, web);
        } catch (Exception | Error e) {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(START.toSeconds(), TimeUnit.SECONDS);
    }

    String url(String path) {
        return "http://127.0.0.1:" + web.port() + path;
    }

    /** Submits a JSON spec through the REST API; returns the experiment's id. */
    String submit(String json) throws Exception {
        return submit(json, "application/json");
    }

    /** Submits a spec (JSON or YAML, as the content type says) through the REST API; returns the experiment's id. */
    String submit(String spec, String contentType) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url("/api/experiments")))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(spec)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("submit answered " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body()).getString("id");
    }

    /** The JSON that a GET of {@code path} answers. */
    JsonObject json(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body());
    }

    /** The status code that a GET of {@code path} answers. */
    int statusOf(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Deletes the experiment through the REST API; the status code it answers. */
    int delete(String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url("/api/experiments/" + id))).DELETE().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Waits until the experiment is in the given state. */
    void awaitState(String id, String state, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            String now = json("/api/experiments/" + id).getJsonObject("experiment").getString("state");
            if (state.equals(now)) {
                return;
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("experiment " + id + " still " + now + " after " + timeout);
            }
            Thread.sleep(250);
        }
    }

    /** An experiment of n independent tasks that do nothing (the API's benchmark form). */
    String submitNoop(int tasks) throws Exception {
        return submit(new JsonObject().put("v", 1)
                .put("noop", new JsonObject().put("tasks", tasks).put("sleepMs", 0).put("name", tasks + " noop tasks")).encode());
    }

    @Override
    public void close() throws Exception {
        try {
            web.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
