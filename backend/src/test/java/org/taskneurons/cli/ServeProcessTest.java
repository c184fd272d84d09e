package org.taskneurons.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskneurons.server.ServerTest;

/**
 * {@code serve --submit} as its own process: it comes up, submits, prints where to look, and
 * stops cleanly on SIGTERM while a training task is running (the task is cancelled at its next
 * epoch and its engine thread returns before the event loops close).
 */
class ServeProcessTest {
    private static final Pattern DASHBOARD = Pattern.compile("dashboard: +http://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern EXPERIMENT = Pattern.compile("experiment ([0-9a-f-]{36}) ");

    @TempDir
    Path folder;

    @Test
    void serveSubmitsItsSpecAndStopsCleanlyOnSigterm() throws Exception {
        Path spec = folder.resolve("tiny.yaml");
        // Long enough that SIGTERM finds a training task running.
        Files.writeString(spec, ServerTest.TINY.replace("epochs: 3", "epochs: 100000"));
        Path log = folder.resolve("serve.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.taskneurons.cli.Main", "serve",
                "--port", "0", "--bridge-port", "-1", "--slots", "1", "--gpus", "none",
                "--state-dir", folder.resolve("state").toString(), "--data-root", folder.toString(), "--submit", spec.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String output = awaitLine(log, process, "ubmitted");
            assertThat(output).contains("Submitted " + spec + ": experiment ").contains("'tiny', 3 tasks", "#/experiments/");
            Matcher dashboard = DASHBOARD.matcher(output);
            assertThat(dashboard.find()).as(output).isTrue();
            String base = "http://127.0.0.1:" + dashboard.group(1);
            assertThat(get(base + "/health").statusCode()).isEqualTo(200);
            Matcher experiment = EXPERIMENT.matcher(output);
            assertThat(experiment.find()).as(output).isTrue();
            awaitRunningTraining(base + "/api/experiments/" + experiment.group(1) + "/tasks");

            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s after SIGTERM").isTrue();
            String all = Files.readString(log);
            assertThat(all).contains("Stopping").doesNotContain("Exception");
            assertThat(all).as("Micrometer's warning about a meter registered twice").doesNotContain("already registered");
        } finally {
            process.destroyForcibly();
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (at most 90 s) until the experiment has a training task in state RUNNING. */
    private static void awaitRunningTraining(String tasksUrl) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        JsonArray tasks = new JsonArray();
        while (System.nanoTime() < deadline) {
            tasks = new JsonObject(get(tasksUrl).body()).getJsonArray("tasks");
            if (tasks.stream().map(JsonObject.class::cast)
                    .anyMatch(task -> "train".equals(task.getString("kind")) && "RUNNING".equals(task.getString("state")))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no training task running after 90 s: " + tasks);
    }

    /** The log once it holds {@code text}, waiting at most 90 s. */
    private static String awaitLine(Path log, Process process, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String output = Files.exists(log) ? Files.readString(log) : "";
            if (output.contains(text)) {
                return output;
            }
            assertThat(process.isAlive()).as("serve exited:%n%s", output).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + text + "' after 90 s:\n" + Files.readString(log));
    }
}
