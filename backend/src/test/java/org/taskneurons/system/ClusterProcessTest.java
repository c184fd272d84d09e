package org.taskneurons.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskneurons.server.FreePorts;
import org.taskneurons.testing.ChildProcess;

/**
 * A three-node cluster on loopback, each node a JVM of its own joined by Hazelcast over
 * TCP/IP: a coordinator (scheduler, API, H2 store, no slots) and two workers with two slots
 * each. Sweeps go in through the REST API; nodes die by SIGKILL.
 */
@Tag("cluster")
class ClusterProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LEASE = Duration.ofSeconds(6);
    /** The rungs of {@link #search()}. */
    private static final int[] EPOCHS = {3, 9, 27, 81};

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<ChildProcess> nodes = new ArrayList<>();
    private final Map<ChildProcess, Integer> webPorts = new HashMap<>();
    @TempDir
    Path folder;
    private ChildProcess coordinator;
    private ChildProcess worker1;
    private ChildProcess worker2;

    @BeforeEach
    void startCluster() throws Exception {
        int coordinatorCluster = FreePorts.next();
        int worker1Cluster = FreePorts.next();
        int worker2Cluster = FreePorts.next();
        String members = String.join(",", "127.0.0.1:" + coordinatorCluster, "127.0.0.1:" + worker1Cluster,
                "127.0.0.1:" + worker2Cluster);
        coordinator = node("coordinator", coordinatorCluster, members, List.of("--mode", "coordinator", "--slots", "0",
                "--store", "h2:" + folder.resolve("store"), "--lease-seconds", Long.toString(LEASE.toSeconds())));
        worker1 = node("worker-1", worker1Cluster, members, List.of("--mode", "worker", "--slots", "2", "--gpus", "none",
                "--heartbeat-seconds", "2"));
        worker2 = node("worker-2", worker2Cluster, members, List.of("--mode", "worker", "--slots", "2", "--gpus", "none",
                "--heartbeat-seconds", "2"));
        for (ChildProcess node : nodes) {
            node.awaitOk(uri(node, "/health"), Duration.ofSeconds(120));
        }
        awaitWorkers(Set.of("worker-1", "worker-2"), Duration.ofSeconds(60));
    }

    @AfterEach
    void stopCluster() throws InterruptedException {
        for (ChildProcess node : nodes) {
            node.close();
        }
    }

    @Test
    void aSweepOfFiftyOneTrainingTasksRunsOnBothWorkers() throws Exception {
        String id = submit(sweep(25));

        JsonNode experiment = awaitExperiment(id, Duration.ofMinutes(8), summary -> !"ACTIVE".equals(summary.path("state").asText()));

        assertThat(experiment.path("state").asText()).as(diagnosis()).isEqualTo("DONE");
        List<JsonNode> results = results(id);
        assertThat(results).hasSize(51);
        assertThat(results.stream().map(result -> result.path("taskId").asText()).distinct()).hasSize(51);
        assertThat(workerNodes(results)).containsExactlyInAnyOrder("worker-1", "worker-2");
        JsonNode report = get("/api/experiments/" + id + "/report").path("report");
        assertThat(report.path("datasets").get(0).path("discovery").path("formula").asText()).contains("Σx^2");
        assertThat(report.path("datasets").get(0).path("tables").get(0).path("rows")).hasSize(2);
    }

    @Test
    void tasksOfAKilledWorkerAreRequeuedWithinTheLeaseAndRecordedOnce() throws Exception {
        String id = submit(noop(40, 1500));
        awaitTasks(id, Duration.ofSeconds(60), tasks -> runningOn(tasks, "worker-2") > 0);
        Set<String> lost = new HashSet<>();
        for (JsonNode task : tasks(id)) {
            if ("RUNNING".equals(task.path("state").asText()) && task.path("worker").asText().startsWith("worker-2/")) {
                lost.add(task.path("id").asText());
            }
        }

        worker2.kill();
        long killed = System.nanoTime();
        awaitTasks(id, LEASE.plusSeconds(20), tasks -> tasks.stream()
                .filter(task -> lost.contains(task.path("id").asText()))
                .noneMatch(task -> "RUNNING".equals(task.path("state").asText())
                        && task.path("worker").asText().startsWith("worker-2/")));
        Duration requeued = Duration.ofNanos(System.nanoTime() - killed);
        JsonNode experiment = awaitExperiment(id, Duration.ofMinutes(3), summary -> !"ACTIVE".equals(summary.path("state").asText()));

        assertThat(lost).as("tasks running on worker-2 when it was killed").isNotEmpty();
        assertThat(requeued).as("time until the killed worker's leases were taken back").isLessThan(LEASE.plusSeconds(10));
        assertThat(experiment.path("state").asText()).as(diagnosis()).isEqualTo("DONE");
        assertRecordedOnceLostOnesByWorker1(id, 40, lost);
    }

    /**
     * A worker SIGKILLed while its slots train bundles (issue 13, item 2): each task of its
     * bundles is queued again on its own once its lease runs out, run by the other worker, and
     * recorded once.
     */
    @Test
    void aKilledWorkersBundlesAreQueuedAgainTaskByTaskAndRecordedOnce() throws Exception {
        // Six bundle keys of eight seeds: with four slots, worker-2 trains at least one bundle.
        ObjectNode spec = sweep(8).put("name", "bundled sweep");
        spec.putArray("structures").add(JSON.createArrayNode().add(2)).add(JSON.createArrayNode().add(3))
                .add(JSON.createArrayNode().add(4));
        ((ObjectNode) spec.path("training")).put("epochs", 3000);
        String id = submit(spec);
        awaitTasks(id, Duration.ofSeconds(120), tasks -> runningOn(tasks, "worker-2") >= 2);
        Set<String> lost = new HashSet<>();
        for (JsonNode task : tasks(id)) {
            if ("RUNNING".equals(task.path("state").asText()) && task.path("worker").asText().startsWith("worker-2/")) {
                lost.add(task.path("id").asText());
            }
        }

        worker2.kill();
        JsonNode experiment = awaitExperiment(id, Duration.ofMinutes(6), summary -> !"ACTIVE".equals(summary.path("state").asText()));

        assertThat(lost).as("tasks of worker-2's bundles when it was killed").hasSizeGreaterThanOrEqualTo(2);
        assertThat(experiment.path("state").asText()).as(diagnosis()).isEqualTo("DONE");
        assertRecordedOnceLostOnesByWorker1(id, 49, lost);
    }

    @Test
    void aRestartedCoordinatorNeverRerunsFinishedTasks() throws Exception {
        String id = submit(noop(60, 700));
        awaitTasks(id, Duration.ofSeconds(90), tasks -> count(tasks, "DONE") >= 10);
        Set<String> acknowledged = new HashSet<>();
        for (JsonNode task : tasks(id)) {
            if ("DONE".equals(task.path("state").asText())) {
                acknowledged.add(task.path("id").asText());
            }
        }
        coordinator.kill();
        coordinator.restart();
        coordinator.awaitOk(uri(coordinator, "/health"), Duration.ofSeconds(120));
        Map<String, JsonNode> before = new HashMap<>();
        for (JsonNode result : results(id)) {
            before.put(result.path("taskId").asText(), result);
        }

        JsonNode experiment = awaitExperiment(id, Duration.ofMinutes(3), summary -> !"ACTIVE".equals(summary.path("state").asText()));

        assertThat(before.keySet()).as("results the coordinator had reported DONE before it was killed")
                .containsAll(acknowledged);
        assertThat(experiment.path("state").asText()).as(diagnosis()).isEqualTo("DONE");
        List<JsonNode> results = results(id);
        assertThat(results).hasSize(60);
        Map<String, JsonNode> tasks = new HashMap<>();
        tasks(id).forEach(task -> tasks.put(task.path("id").asText(), task));
        // Tasks finished after the restart may have run twice (a lease that expired while the
        // coordinator was down is granted again; the first result to arrive is the one kept).
        before.forEach((task, result) -> {
            if (!acknowledged.contains(task)) {
                return;
            }
            JsonNode after = results.stream().filter(r -> r.path("taskId").asText().equals(task)).findFirst().orElseThrow();
            assertThat(after).as("result of " + task + " after the restart").isEqualTo(result);
            assertThat(tasks.get(task).path("attempt").asInt()).as("attempts of finished task " + task)
                    .isEqualTo(result.path("attempt").asInt());
        });
    }

    @Test
    void aCoordinatorKilledMidSearchDecidesEveryPromotionOnceAndRecordsEveryResultOnce() throws Exception {
        String id = submit(search());
        awaitTasks(id, Duration.ofMinutes(3), tasks -> {
            long promoted = tasks.stream().filter(task -> rung(task) > 0).count();
            long open = tasks.stream().filter(task -> rung(task) >= 0 && !finished(task)).count();
            return promoted >= 2 && open >= 8;
        });
        coordinator.kill();
        coordinator.restart();
        coordinator.awaitOk(uri(coordinator, "/health"), Duration.ofSeconds(120));

        JsonNode experiment = awaitExperiment(id, Duration.ofMinutes(8), summary -> !"ACTIVE".equals(summary.path("state").asText()));

        assertThat(experiment.path("state").asText()).as(diagnosis()).isEqualTo("DONE");
        List<JsonNode> tasks = tasks(id);
        assertThat(tasks.stream().map(task -> task.path("key").asText()).distinct()).as("one task per trial and rung")
                .hasSize(tasks.size());
        List<JsonNode> results = results(id);
        assertThat(results).as("one result per task").hasSize(tasks.size());
        assertThat(results.stream().map(result -> result.path("taskId").asText()).distinct()).hasSize(tasks.size());

        JsonNode trials = get("/api/experiments/" + id + "/trials?limit=1000");
        for (String model : List.of("task-based", "ordinary")) {
            Map<Integer, List<JsonNode>> byRung = new HashMap<>();
            trials.path("trials").forEach(trial -> {
                if (trial.path("model").asText().equals(model)) {
                    byRung.computeIfAbsent(trial.path("rung").asInt(), rung -> new ArrayList<>()).add(trial);
                }
            });
            assertThat(byRung.get(0)).as(model + " rung 0").hasSize(27);
            for (int rung = 0; byRung.containsKey(rung + 1); rung++) {
                List<JsonNode> ranked = new ArrayList<>(byRung.get(rung));
                ranked.removeIf(trial -> !trial.path("value").isNumber());
                ranked.sort(Comparator.comparingDouble((JsonNode trial) -> trial.path("value").asDouble())
                        .thenComparingInt(trial -> trial.path("trial").asInt()));
                Set<Integer> promoted = new HashSet<>();
                byRung.get(rung).stream().filter(trial -> trial.path("promoted").asBoolean())
                        .forEach(trial -> promoted.add(trial.path("trial").asInt()));
                Set<Integer> next = new HashSet<>();
                byRung.get(rung + 1).forEach(trial -> next.add(trial.path("trial").asInt()));
                assertThat(next).as(model + ": trials at rung " + (rung + 1) + " are those rung " + rung + " promoted")
                        .isEqualTo(promoted);
                assertThat(promoted).as(model + ": the best third of rung " + rung + " was promoted, none lost")
                        .containsAll(ranked.subList(0, Math.min(ranked.size(), byRung.get(rung).size() / 3)).stream().map(trial -> trial.path("trial").asInt()).toList());
                int gained = EPOCHS[rung + 1] - EPOCHS[rung];
                for (JsonNode trial : byRung.get(rung + 1)) {
                    JsonNode result = results.stream().filter(r -> r.path("taskId").asText().equals(trial.path("task").asText()))
                            .findFirst().orElseThrow();
                    assertThat(result.path("result").path("epochs").asInt()).as("a promotion continues from its checkpoint")
                            .isEqualTo(gained);
                }
            }
            assertThat(tasks.stream().filter(task -> task.path("key").asText().startsWith("train/paper-no1-low/" + model + "/best/")))
                    .as(model + ": the best configuration runs once per seed").hasSize(2);
        }
    }

    /** The rung of a trial task by its key {@code trial/DATASET/MODEL/TRIAL/EPOCHS}; -1 for any other task. */
    private static int rung(JsonNode task) {
        String[] key = task.path("key").asText().split("/");
        if (!"trial".equals(key[0])) {
            return -1;
        }
        int epochs = Integer.parseInt(key[key.length - 1]);
        for (int rung = 0; rung < EPOCHS.length; rung++) {
            if (EPOCHS[rung] == epochs) {
                return rung;
            }
        }
        throw new AssertionError("not a rung's epochs: " + task.path("key").asText());
    }

    private static boolean finished(JsonNode task) {
        return Set.of("DONE", "FAILED", "CANCELLED").contains(task.path("state").asText());
    }

    private ChildProcess node(String name, int clusterPort, String members, List<String> flags) throws IOException {
        int port = FreePorts.next();
        List<String> arguments = new ArrayList<>(List.of("serve", "--node", name, "--port", Integer.toString(port),
                "--bridge-port", "-1", "--cluster-host", "127.0.0.1", "--cluster-port", Integer.toString(clusterPort),
                "--members", members, "--state-dir", folder.resolve(name).toString(), "--data-root", folder.toString()));
        arguments.addAll(flags);
        ChildProcess node = ChildProcess.java(name, arguments, Map.of(), folder.resolve("logs"));
        nodes.add(node);
        webPorts.put(node, port);
        return node;
    }

    private URI uri(ChildProcess node, String path) {
        return URI.create("http://127.0.0.1:" + webPorts.get(node) + path);
    }

    /** One discovery and 2 models × {@code seeds} seeds of training on the paper's synthetic group no1. */
    private static ObjectNode sweep(int seeds) {
        ObjectNode spec = JSON.createObjectNode().put("name", "cluster sweep");
        spec.putArray("datasets").addObject().put("synthetic", "paper-no1-low");
        spec.putObject("discovery").put("method", "subset").put("scale", "minmax");
        spec.putArray("models").add("task-based").add("ordinary");
        spec.putArray("structures").addArray().add(2);
        spec.putObject("training").put("optimizer", "rmsprop").put("learning_rate", 0.01).put("epochs", 10)
                .put("batch_size", 10).put("scale", "minmax");
        ArrayNode list = spec.putArray("seeds");
        for (int seed = 1; seed <= seeds; seed++) {
            list.add(seed);
        }
        return spec;
    }

    /** ASHA over 27 trials per model (3, 9, 27 and 81 epochs, eta 3) on group no1, then 2 seeds of each model's best. */
    private static ObjectNode search() {
        ObjectNode spec = sweep(2).put("name", "cluster search");
        ((ObjectNode) spec.path("training")).remove(List.of("learning_rate", "epochs"));
        spec.putObject("split").put("test", 0.2).put("validation", 0.2);
        ObjectNode search = spec.putObject("search").put("method", "asha").put("trials", 27).put("metric", "val_mse");
        search.putObject("budget").put("min_epochs", EPOCHS[0]).put("max_epochs", EPOCHS[EPOCHS.length - 1]).put("eta", 3);
        ObjectNode space = search.putObject("space");
        space.putObject("learning_rate").putArray("log_uniform").add(0.001).add(0.1);
        space.putArray("activation").add("relu").add("tanh");
        return spec;
    }

    /** Every task has one result, and each task lost with worker-2 was run again by worker-1. */
    private void assertRecordedOnceLostOnesByWorker1(String id, int tasks, Set<String> lost) throws Exception {
        List<JsonNode> results = results(id);
        assertThat(results).hasSize(tasks);
        assertThat(results.stream().map(result -> result.path("taskId").asText()).distinct()).hasSize(tasks);
        Map<String, JsonNode> byTask = new HashMap<>();
        results.forEach(result -> byTask.put(result.path("taskId").asText(), result));
        for (String task : lost) {
            assertThat(byTask.get(task).path("worker").asText()).as("result of lost task " + task).startsWith("worker-1/");
            assertThat(byTask.get(task).path("attempt").asInt()).isGreaterThanOrEqualTo(2);
        }
    }

    private static ObjectNode noop(int tasks, int sleepMs) {
        ObjectNode request = JSON.createObjectNode().put("v", 1);
        request.putObject("noop").put("tasks", tasks).put("sleepMs", sleepMs).put("name", "noop sweep");
        return request;
    }

    private String submit(JsonNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(coordinator, "/api/experiments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asText();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(coordinator, path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private List<JsonNode> tasks(String id) throws IOException, InterruptedException {
        List<JsonNode> tasks = new ArrayList<>();
        get("/api/experiments/" + id + "/tasks?limit=1000").path("tasks").forEach(tasks::add);
        return tasks;
    }

    private List<JsonNode> results(String id) throws IOException, InterruptedException {
        List<JsonNode> results = new ArrayList<>();
        get("/api/experiments/" + id + "/results").path("results").forEach(results::add);
        return results;
    }

    private static Set<String> workerNodes(List<JsonNode> results) {
        Set<String> nodes = new HashSet<>();
        results.forEach(result -> nodes.add(result.path("worker").asText().split("/")[0]));
        return nodes;
    }

    private static long runningOn(List<JsonNode> tasks, String node) {
        return tasks.stream().filter(task -> "RUNNING".equals(task.path("state").asText())
                && task.path("worker").asText().startsWith(node + "/")).count();
    }

    private static long count(List<JsonNode> tasks, String state) {
        return tasks.stream().filter(task -> state.equals(task.path("state").asText())).count();
    }

    private void awaitWorkers(Set<String> names, Duration timeout) throws Exception {
        await("workers " + names + " announced", timeout, () -> {
            Set<String> seen = new HashSet<>();
            for (JsonNode node : get("/api/nodes").path("nodes")) {
                if (node.path("workers").size() > 0) {
                    seen.add(node.path("node").asText());
                }
            }
            return seen.containsAll(names);
        });
    }

    private JsonNode awaitExperiment(String id, Duration timeout, Predicate<JsonNode> done) throws Exception {
        JsonNode[] last = new JsonNode[1];
        await("experiment " + id, timeout, () -> {
            last[0] = get("/api/experiments/" + id).path("experiment");
            return done.test(last[0]);
        });
        return last[0];
    }

    private void awaitTasks(String id, Duration timeout, Predicate<List<JsonNode>> done) throws Exception {
        await("tasks of " + id, timeout, () -> done.test(tasks(id)));
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private void await(String what, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(what + ": not reached within " + timeout + "\n" + diagnosis());
    }

    private String diagnosis() {
        StringBuilder text = new StringBuilder();
        for (ChildProcess node : nodes) {
            text.append("--- ").append(node.name()).append(node.isAlive() ? "" : " (exited)").append('\n')
                    .append(node.logTail()).append('\n');
        }
        return text.toString();
    }
}
