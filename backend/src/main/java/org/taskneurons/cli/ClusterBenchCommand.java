package org.taskneurons.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.taskneurons.cluster.HazelcastSetup;
import org.taskneurons.cluster.MetricNames;
import org.taskneurons.experiment.SpecReader;
import org.taskneurons.server.FreePorts;
import org.taskneurons.web.PrometheusHistogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench cluster}: no-op tasks through a three-node cluster on loopback (a coordinator
 * and two workers, each a JVM of its own started from this jar), submitted over REST.
 * Throughput is tasks over the time from the submission's acknowledgement to the experiment's
 * end (the store's finishing time), measured in several runs after a warm-up. The per-task
 * overhead is the coordinator's own lease-to-record histogram (a no-op task's whole time is
 * overhead: the lease reply, the trip to the worker and back, the completion's transaction),
 * read in two phases: during the throughput runs, where it mostly measures queueing behind the
 * other slots' tasks, and at light load (one-task experiments submitted at a fixed rate far
 * below capacity), where it is the overhead itself; the light phase also gives each
 * experiment's time from its submission to its end in the store.
 *
 * <p>The warm-up matters on small machines: until the JIT has compiled the hot paths of H2,
 * Vert.x and Hazelcast, its compiler threads take a large share of the cores the three JVMs
 * share (on 2 cores, C2 was still compiling H2 internals for most of a minute). The warm-up's
 * own throughput is reported as the cold figure.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"No-op tasks through a three-node loopback cluster (coordinator + 2 workers, separate JVMs):",
                "tasks per second after a warm-up, and per-task overhead p50/p99 at light load, against the targets",
                "500 tasks/s and p50 5 ms."})
final class ClusterBenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = SpecReader.json();
    private static final String DURATION_HISTOGRAM = "tn_task_duration_seconds";
    private static final Map<String, String> NOOP_DONE = Map.of(MetricNames.TAG_TYPE, "noop", MetricNames.TAG_OUTCOME, "done");
    private static final double TARGET_TASKS_PER_SECOND = 500;
    private static final double TARGET_P50_MS = 5;
    private static final long POLL_MS = 250;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--tasks", defaultValue = "5000", description = "No-op tasks in the measured run (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs of --tasks each; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "10000",
            description = "No-op tasks run first, reported as the cold throughput but not measured (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--light-warmup", defaultValue = "200",
            description = "One-task experiments submitted at --light-rate before the light-load phase, not measured (default: ${DEFAULT-VALUE}).")
    int lightWarmup;

    @Option(names = "--slots", defaultValue = "4", description = "Task slots per worker (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--light-tasks", defaultValue = "600",
            description = "One-task experiments submitted at --light-rate to measure the overhead at light load (default: ${DEFAULT-VALUE}).")
    int lightTasks;

    @Option(names = "--light-rate", defaultValue = "50",
            description = "Submissions per second in the light-load phase (default: ${DEFAULT-VALUE}).")
    int lightRate;

    @Option(names = "--store", description = "The coordinator's store (default: an H2 file in a temporary folder).")
    String store;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        checkOptions();
        Path folder = Files.createTempDirectory("tn-bench-cluster");
        List<Process> nodes = new ArrayList<>();
        try {
            int web = FreePorts.next();
            List<Integer> clusterPorts = List.of(FreePorts.next(), FreePorts.next(), FreePorts.next());
            String members = String.join(",", clusterPorts.stream().map(port -> "127.0.0.1:" + port).toList());
            nodes.add(start(folder, "coordinator", web, clusterPorts.get(0), members, List.of("--mode", "coordinator",
                    "--slots", "0", "--store", store == null ? "h2:" + folder.resolve("store") : store)));
            for (int i = 1; i <= 2; i++) {
                nodes.add(start(folder, "worker-" + i, FreePorts.next(), clusterPorts.get(i), members,
                        List.of("--mode", "worker", "--slots", Integer.toString(slots), "--gpus", "none")));
            }
            URI base = URI.create("http://127.0.0.1:" + web);
            awaitWorkers(base, nodes, folder);
            Double cold = warmup > 0 ? warmup / run(base, warmup) : null;
            lightLoad(base, lightWarmup);
            List<Double> throughputs = new ArrayList<>();
            PrometheusHistogram before = noopDurations(base);
            for (int i = 0; i < runs; i++) {
                throughputs.add(tasks / run(base, tasks));
            }
            PrometheusHistogram saturated = noopDurations(base).since(before);
            before = noopDurations(base);
            List<Long> submitToDone = lightLoad(base, lightTasks);
            PrometheusHistogram light = noopDurations(base).since(before);
            report(cold, throughputs, saturated, light, submitToDone);
            return 0;
        } finally {
            for (Process node : nodes) {
                node.destroy();
            }
            for (Process node : nodes) {
                if (!node.waitFor(20, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            }
        }
    }

    /** Refuses counts that would measure nothing, naming the option, before any node starts. */
    private void checkOptions() {
        atLeast("--tasks", tasks, 1);
        atLeast("--runs", runs, 1);
        atLeast("--slots", slots, 1);
        atLeast("--light-tasks", lightTasks, 1);
        atLeast("--light-rate", lightRate, 1);
        atLeast("--warmup", warmup, 0);
        atLeast("--light-warmup", lightWarmup, 0);
    }

    private static void atLeast(String option, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(option + " must be at least " + least + ", got " + value);
        }
    }

    private static Process start(Path folder, String name, int port, int clusterPort, String members, List<String> flags)
            throws IOException, URISyntaxException {
        Path code = Path.of(ClusterBenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(HazelcastSetup.JVM_OPTIONS);
        command.addAll(List.of("-cp", code.toString(), Main.class.getName(), "serve", "--node", name, "--port", Integer.toString(port),
                "--bridge-port", "-1", "--cluster-host", "127.0.0.1", "--cluster-port", Integer.toString(clusterPort),
                "--members", members, "--state-dir", folder.resolve(name).toString(), "--data-root", folder.toString()));
        command.addAll(flags);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + ".log").toFile()).start();
    }

    private void awaitWorkers(URI base, List<Process> nodes, Path folder) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            for (Process node : nodes) {
                if (!node.isAlive()) {
                    throw new IllegalStateException("a node exited while starting; logs in " + folder);
                }
            }
            try {
                long workers = 0;
                for (JsonNode node : get(base, "/api/nodes").path("nodes")) {
                    workers += node.path("workers").size();
                }
                if (workers >= 2) {
                    return;
                }
            } catch (IOException e) {
                // the coordinator is not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the two workers did not join within 3 minutes; logs in " + folder);
    }

    /** Submits {@code count} no-op tasks and waits for the experiment's end; the seconds in between. */
    private double run(URI base, int count) throws Exception {
        String id = submit(base, count, "bench cluster");
        long acknowledgedMs = System.currentTimeMillis();
        // The store's own finishing time (same host, same clock), so how often awaitEnd asks
        // changes neither the figure nor, much, the coordinator's load.
        long finishedMs = Instant.parse(awaitEnd(base, id).path("updatedAt").asText()).toEpochMilli();
        return (finishedMs - acknowledgedMs) / 1e3;
    }

    /** Submits a no-op experiment of {@code count} tasks; its id. */
    private String submit(URI base, int count, String name) throws Exception {
        ObjectNode request = JSON.createObjectNode().put("v", 1);
        request.putObject("noop").put("tasks", count).put("sleepMs", 0).put("name", name);
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(base.resolve("/api/experiments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 201) {
            throw new IllegalStateException("submit failed: " + submitted.statusCode() + " " + submitted.body());
        }
        return JSON.readTree(submitted.body()).path("id").asText();
    }

    /** Waits until the experiment is DONE; its summary, whose {@code updatedAt} is when the store finished it. */
    private JsonNode awaitEnd(URI base, String id) throws Exception {
        while (true) {
            JsonNode experiment = get(base, "/api/experiments/" + id).path("experiment");
            String state = experiment.path("state").asText();
            if (!"ACTIVE".equals(state)) {
                if (!"DONE".equals(state)) {
                    throw new IllegalStateException("the no-op experiment ended " + state + ": " + experiment);
                }
                return experiment;
            }
            Thread.sleep(POLL_MS);
        }
    }

    private JsonNode get(URI base, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The coordinator's histogram of no-op task durations, lease to record, in seconds. */
    private PrometheusHistogram noopDurations(URI base) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return PrometheusHistogram.read(response.body(), DURATION_HISTOGRAM, NOOP_DONE);
    }

    /**
     * {@code count} one-task experiments submitted at {@link #lightRate} per second, far below
     * what the cluster can take, so that a task's lease-to-record time is its overhead and not
     * time spent queueing behind others; waits until every one is DONE. Each experiment's
     * milliseconds from its submission to its end, both as the store recorded them.
     */
    private List<Long> lightLoad(URI base, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / lightRate;
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            ids.add(submit(base, 1, "bench cluster light load"));
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        List<Long> submitToDone = new ArrayList<>();
        for (String id : ids) {
            JsonNode experiment = awaitEnd(base, id);
            submitToDone.add(Duration.between(Instant.parse(experiment.path("createdAt").asText()),
                    Instant.parse(experiment.path("updatedAt").asText())).toMillis());
        }
        return submitToDone;
    }

    private void report(Double cold, List<Double> throughputs, PrometheusHistogram saturated, PrometheusHistogram light,
            List<Long> submitToDone) throws IOException {
        double throughput = median(throughputs);
        List<Long> latencies = submitToDone.stream().sorted().toList();
        ObjectNode report = JSON.createObjectNode();
        report.put("tasks", tasks).put("runs", runs).put("slots_per_worker", slots).put("warmup_tasks", warmup)
                .put("cold_tasks_per_second", cold)
                .put("tasks_per_second", throughput)
                .put("tasks_per_second_target", TARGET_TASKS_PER_SECOND)
                .put("ratio_to_target", throughput / TARGET_TASKS_PER_SECOND);
        throughputs.forEach(report.putArray("tasks_per_second_runs")::add);
        report.put("saturated_lease_to_record_p50_ms", saturated.quantile(0.50) * 1000)
                .put("saturated_lease_to_record_p99_ms", saturated.quantile(0.99) * 1000)
                .put("light_load_tasks", lightTasks).put("light_load_per_second", lightRate)
                .put("overhead_p50_ms", light.quantile(0.50) * 1000)
                .put("overhead_p99_ms", light.quantile(0.99) * 1000)
                .put("overhead_p50_target_ms", TARGET_P50_MS)
                .put("light_submit_to_done_p50_ms", rank(latencies, 0.50))
                .put("light_submit_to_done_p99_ms", rank(latencies, 0.99));
        PrintWriter out = spec.commandLine().getOut();
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        out.flush();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The nearest-rank q-quantile of sorted values; -1 when there are none. */
    private static long rank(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
