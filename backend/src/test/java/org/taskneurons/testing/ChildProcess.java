package org.taskneurons.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.taskneurons.cluster.HazelcastSetup;

/**
 * A process a test starts (a Task Neurons node, Prometheus), its output in a log file, waited
 * for until an HTTP URL answers 200, killed and started again when a test needs that, and
 * stopped with SIGTERM (then SIGKILL) on close.
 */
public final class ChildProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final ProcessBuilder builder;
    private final Path log;
    private Process process;

    private ChildProcess(String name, ProcessBuilder builder, Path log) throws IOException {
        this.name = name;
        this.builder = builder;
        this.log = log;
        this.process = builder.start();
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path directory)
            throws IOException {
        Files.createDirectories(directory);
        Path log = directory.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(variable -> variable.startsWith("TN_"));
        builder.environment().putAll(environment);
        return new ChildProcess(name, builder, log);
    }

    /** A JVM running {@code org.taskneurons.cli.Main} on this test's class path. */
    public static ChildProcess java(String name, List<String> arguments, Map<String, String> environment, Path directory)
            throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // What the jar's manifest grants Hazelcast under java -jar (the Docker image's way).
        command.addAll(HazelcastSetup.JVM_OPTIONS);
        // A small heap and young generation: the collector runs within seconds, so the JVM's
        // GC pause metrics exist by the time the dashboard's queries run.
        command.addAll(List.of("-Xmx512m", "-Xmn16m", "-cp", classPath, "org.taskneurons.cli.Main"));
        command.addAll(arguments);
        return start(name, command, environment, directory);
    }

    /** Waits until {@code url} answers 200; fails with the log's tail when the process ends or time runs out. */
    public void awaitOk(URI url, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready at " + url + " within " + timeout + ":\n" + logTail());
    }

    /** SIGKILL: no shutdown hook runs; a node's leases are left to expire. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the same command again (same arguments, ports and folders), appending to the log. */
    public void restart() throws IOException {
        process = builder.start();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public String name() {
        return name;
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
