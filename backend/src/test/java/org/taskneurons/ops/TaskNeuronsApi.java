package org.taskneurons.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The REST calls the ops tests make on a node: submit an experiment and wait for it to end. */
final class TaskNeuronsApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINAL_STATES = Set.of("DONE", "FAILED", "CANCELLED");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    TaskNeuronsApi(URI base) {
        this.base = base;
    }

    /** Submits a spec (YAML) or a JSON body; answers the experiment's summary. */
    JsonNode submit(String body, String contentType) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/experiments"))
                .header("Content-Type", contentType).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("submit answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The experiment's tasks ({@code id, kind, state, attempt, worker}, ...). */
    List<JsonNode> tasks(String id) throws IOException, InterruptedException {
        return list(get("/api/experiments/" + id + "/tasks?limit=1000").path("tasks"));
    }

    /** Every recorded result of the experiment ({@code taskId, worker, attempt}, ...). */
    List<JsonNode> results(String id) throws IOException, InterruptedException {
        return list(get("/api/experiments/" + id + "/results").path("results"));
    }

    /** Nodes that have announced at least one worker. */
    Set<String> workerNodes() throws IOException, InterruptedException {
        Set<String> nodes = new TreeSet<>();
        for (JsonNode node : get("/api/nodes").path("nodes")) {
            if (node.path("workers").size() > 0) {
                nodes.add(node.path("node").asText());
            }
        }
        return nodes;
    }

    /** The node part of a task's or result's worker ({@code worker-1/slot-0} is worker-1's). */
    static String node(JsonNode taskOrResult) {
        return taskOrResult.path("worker").asText().replaceFirst("/.*", "");
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    /** Waits until the experiment is DONE, FAILED or CANCELLED; answers its last summary. */
    JsonNode awaitEnd(String id, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode summary = null;
        while (Instant.now().isBefore(deadline)) {
            summary = get("/api/experiments/" + id).path("experiment");
            if (FINAL_STATES.contains(summary.path("state").asText())) {
                return summary;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("experiment " + id + " still running after " + timeout + ": " + summary);
    }
}
