package org.taskneurons.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskneurons.server.FreePorts;

/**
 * docker/ built and run on a real Docker engine (Debian's docker.io; {@code .ci/run} starts a
 * private daemon). The project's image is built by docker/Dockerfile through its Maven build
 * stage, on base images of Debian's packages (docker/debian/Dockerfile on a Debian made with
 * debootstrap: Docker Hub, and with it the upstream images, may be out of reach). The compose
 * file's coordinator, two workers and PostgreSQL then run as containers with the compose
 * file's commands, {@code TN_*} environment and volumes; what differs is the network: the
 * containers share the host's and listen on free loopback ports only, so nothing is reachable
 * beyond loopback and the test does not collide with anything else on the host. The
 * quickstart must finish with trainings on both workers, and a longer sweep must finish with
 * every task DONE once after worker-2's container is killed mid-sweep. Debian's Prometheus,
 * with the shipped scrape configuration pointed at loopback, must find every node up, get
 * data for every dashboard query, and see worker-2 go down. Everything the test starts is
 * removed afterwards; the Debian images stay, as the cache of the next run.
 */
class DockerClusterTest {
    private static final Path REPOSITORY = Path.of("..");
    private static final String DEBIAN_BASE = "local/debian:bookworm";
    private static final String DEBIAN_MIRROR = "http://deb.debian.org/debian";
    private static final Path DEBOOTSTRAP = Path.of("/usr/sbin/debootstrap");
    /** Certificate authorities the host trusts beyond Debian's (a TLS-inspecting proxy's): Maven in the build needs them. */
    private static final Path SITE_CERTIFICATES = Path.of("/usr/local/share/ca-certificates");
    private static final String LABEL = "org.taskneurons.test";
    private static final List<String> NODES = List.of("coordinator", "worker-1", "worker-2");
    private static final int SWEEP_TASKS = 24;
    private static final int SWEEP_SLEEP_MS = 1500;
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path directory;

    private final Map<String, Duration> phases = new LinkedHashMap<>();
    private Instant phaseStart = Instant.now();

    @Test
    void theComposeClusterRunsInContainersAndLosesAWorkerWithoutLosingATask() throws Exception {
        DockerEngine docker = DockerEngine.assumeRunning(directory);
        ComposeFile compose = ComposeFile.read(DeploymentFilesTest.DOCKER.resolve("docker-compose.yml"));
        String run = "tn-test-" + UUID.randomUUID().toString().substring(0, 8);
        String image = "taskneurons:" + run;
        boolean passed = false;
        try {
            buildImage(docker, image, run);
            Map<String, LoopbackPorts> ports = LoopbackPorts.free(NODES);
            TaskNeuronsApi api = startCluster(docker, compose, run, image, ports);
            phase("cluster up (PostgreSQL, coordinator, two workers)");

            Map<String, String> addresses = new LinkedHashMap<>();
            ports.forEach((node, port) -> addresses.put(node, port.httpAddress()));
            try (PrometheusServer prometheus = PrometheusServer.start(ScrapeConfig.forLoopback(addresses),
                    directory.resolve("prometheus"))) {
                runQuickstart(api);
                phase("quickstart");
                assertThat(prometheus.targetsUp(Duration.ofSeconds(30))).as(prometheus.logTail())
                        .containsExactlyInAnyOrderElementsOf(addresses.values());
                assertThat(DashboardQueriesTest.queriesWithoutData(prometheus, Dashboard.read(), false, Duration.ofSeconds(60)))
                        .as("dashboard queries without data on the cluster in containers").isEmpty();
                phase("Prometheus scrapes every node");

                sweepLosingWorker2(docker, api, run);
                await("Prometheus sees worker-2 down", Duration.ofSeconds(30), () -> prometheus
                        .query("up{instance=\"" + addresses.get("worker-2") + "\"}").stream()
                        .anyMatch(sample -> sample.path("value").path(1).asText().equals("0")));
                phase("sweep with worker-2 killed");
            }
            passed = true;
        } finally {
            if (!passed) {
                System.err.println(containerLogs(docker, run));
            }
            remove(docker, run, image);
            phase("clean-up");
            System.out.println("DockerClusterTest phases: " + phases.entrySet().stream()
                    .map(entry -> entry.getKey() + " " + entry.getValue().toSeconds() + " s").collect(Collectors.joining(", "))
                    + "; total " + phases.values().stream().mapToLong(Duration::toSeconds).sum() + " s");
        }
    }

    /** The project's image from docker/Dockerfile on the Debian images, which are made first where missing. */
    private void buildImage(DockerEngine docker, String image, String run) throws IOException, InterruptedException {
        debianBase(docker);
        phase("Debian base (debootstrap, or the cached image)");
        debianImages(docker);
        phase("Debian images (JDK and Maven, JRE, PostgreSQL)");
        docker.run(BUILD_TIMEOUT, "build", "--network", "host", "--progress", "plain",
                "-f", DeploymentFilesTest.DOCKER.resolve("Dockerfile").toString(),
                "--build-arg", "BUILD_IMAGE=taskneurons-debian:jdk", "--build-arg", "RUNTIME_IMAGE=taskneurons-debian:jre",
                "--label", LABEL + "=" + run, "-t", image, REPOSITORY.toString());
        phase("project image (docker/Dockerfile, Maven inside)");
    }

    /**
     * PostgreSQL, then the coordinator, then both workers together, each once the previous
     * is healthy (the compose file's depends_on); answers the coordinator's API once both
     * workers have announced themselves.
     */
    private static TaskNeuronsApi startCluster(DockerEngine docker, ComposeFile compose, String run, String image,
            Map<String, LoopbackPorts> ports) throws Exception {
        String store = store(compose, startPostgres(docker, compose, run));
        for (List<String> group : List.of(List.of("coordinator"), List.of("worker-1", "worker-2"))) {
            for (String node : group) {
                container(docker, compose, run, node, image, LoopbackPorts.environment(compose, node, ports, store),
                        compose.command(node));
            }
            for (String node : group) {
                await(node + " healthy", Duration.ofMinutes(3), () -> healthy(ports.get(node).base().resolve("/health")));
            }
        }
        TaskNeuronsApi api = new TaskNeuronsApi(ports.get("coordinator").base());
        await("both workers announced", Duration.ofMinutes(1), () -> api.workerNodes().containsAll(Set.of("worker-1", "worker-2")));
        return api;
    }

    /** The quickstart over REST: DONE, with training tasks on both workers. */
    private static void runQuickstart(TaskNeuronsApi api) throws Exception {
        String spec = Files.readString(REPOSITORY.resolve("experiments").resolve("quickstart.yaml"));
        String id = api.submit(spec, "application/yaml").path("id").asText();
        JsonNode summary = api.awaitEnd(id, Duration.ofMinutes(5));
        assertThat(summary.path("state").asText()).as("%s", summary).isEqualTo("DONE");
        assertThat(api.results(id).stream().filter(DockerClusterTest::isTraining).map(TaskNeuronsApi::node)
                .collect(Collectors.toSet())).as("nodes that trained").containsExactlyInAnyOrder("worker-1", "worker-2");
    }

    /**
     * A sweep of noop tasks that sleep {@link #SWEEP_SLEEP_MS} each (a quickstart training
     * task takes about 0.1 s, too short to be caught running); worker-2's container is killed
     * (SIGKILL) while it runs some. Every task must end DONE with one result, and the tasks
     * the coordinator still counted as running on worker-2 after the kill must have run again
     * on worker-1, except those whose result was already on its way.
     */
    private void sweepLosingWorker2(DockerEngine docker, TaskNeuronsApi api, String run) throws Exception {
        String id = api.submit("{\"v\": 1, \"noop\": {\"tasks\": " + SWEEP_TASKS + ", \"sleepMs\": " + SWEEP_SLEEP_MS
                + ", \"name\": \"worker-2 killed\"}}", "application/json").path("id").asText();
        await("worker-2 running tasks", Duration.ofMinutes(3),
                () -> api.tasks(id).stream().anyMatch(task -> running(task, "worker-2")));
        docker.run(Duration.ofSeconds(60), "kill", run + "-worker-2");
        Set<String> lost = api.tasks(id).stream().filter(task -> running(task, "worker-2"))
                .map(task -> task.path("id").asText()).collect(Collectors.toSet());

        JsonNode summary = api.awaitEnd(id, Duration.ofMinutes(6));
        List<JsonNode> tasks = api.tasks(id);
        List<JsonNode> results = api.results(id);
        assertThat(summary.path("state").asText()).as("%s", summary).isEqualTo("DONE");
        assertThat(tasks).hasSize(SWEEP_TASKS)
                .allSatisfy(task -> assertThat(task.path("state").asText()).as("%s", task).isEqualTo("DONE"));
        assertThat(results.stream().map(result -> result.path("taskId").asText()))
                .as("one result per task").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(tasks.stream().map(task -> task.path("id").asText()).toList());
        assertThat(results.stream().filter(result -> lost.contains(result.path("taskId").asText())
                && TaskNeuronsApi.node(result).equals("worker-1")))
                .as("tasks still running on worker-2 after the kill (%s), run again on worker-1", lost)
                .isNotEmpty().allSatisfy(result -> assertThat(result.path("attempt").asInt()).isGreaterThanOrEqualTo(2));
    }

    /** A training task (the store's kind {@code train}, beside {@code discover}). */
    private static boolean isTraining(JsonNode taskOrResult) {
        return taskOrResult.path("kind").asText().equals("train");
    }

    private static boolean running(JsonNode task, String node) {
        return task.path("state").asText().equals("RUNNING") && TaskNeuronsApi.node(task).equals(node);
    }

    /** The Debian base image, made with debootstrap unless the engine already has it. */
    private void debianBase(DockerEngine docker) throws IOException, InterruptedException {
        if (docker.hasImage(DEBIAN_BASE)) {
            return;
        }
        assumeTrue(Files.isExecutable(DEBOOTSTRAP), "no " + DEBIAN_BASE + " image and no debootstrap at " + DEBOOTSTRAP
                + " to make it (Debian package debootstrap, installed by .ci/run), test skipped");
        Path root = directory.resolve("debian-root");
        Path log = directory.resolve("debootstrap.log");
        Process debootstrap = new ProcessBuilder(DEBOOTSTRAP.toString(), "--variant=minbase", "bookworm", root.toString(), DEBIAN_MIRROR)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!debootstrap.waitFor(15, TimeUnit.MINUTES) || debootstrap.exitValue() != 0) {
            debootstrap.destroyForcibly();
            throw new IllegalStateException("debootstrap failed:\n" + DockerEngine.tail(Files.readString(log), 30));
        }
        docker.importFileSystem(root, DEBIAN_BASE, Duration.ofMinutes(10));
    }

    /** docker/debian/Dockerfile's three images, from a copy of its folder with the host's extra certificate authorities. */
    private void debianImages(DockerEngine docker) throws IOException, InterruptedException {
        Path context = directory.resolve("debian-context");
        copyFolder(DeploymentFilesTest.DOCKER.resolve("debian"), context);
        if (Files.isDirectory(SITE_CERTIFICATES)) {
            try (Stream<Path> certificates = Files.list(SITE_CERTIFICATES)) {
                for (Path certificate : certificates.filter(file -> file.toString().endsWith(".crt")).toList()) {
                    Files.copy(certificate, context.resolve("certificates").resolve(certificate.getFileName()));
                }
            }
        }
        for (String target : List.of("jre", "jdk", "postgres")) {
            docker.run(BUILD_TIMEOUT, "build", "--network", "host", "--progress", "plain", "--build-arg", "DEBIAN_IMAGE=" + DEBIAN_BASE,
                    "--target", target, "-t", "taskneurons-debian:" + target, context.toString());
        }
    }

    /** The compose file's postgres service on Debian's PostgreSQL, on a free loopback port; waits for its health check. */
    private static int startPostgres(DockerEngine docker, ComposeFile compose, String run) throws Exception {
        int port = FreePorts.next();
        Map<String, String> environment = new LinkedHashMap<>(compose.environment("postgres"));
        // Debian's server and client tools both read their port from PGPORT.
        environment.put("PGPORT", String.valueOf(port));
        container(docker, compose, run, "postgres", "taskneurons-debian:postgres", environment,
                List.of("-c", "listen_addresses=127.0.0.1"));
        List<Object> check = Yaml.list(Yaml.map(compose.service("postgres"), "healthcheck"), "test");
        assertThat(check).as("postgres health check").first().isEqualTo("CMD-SHELL");
        await("postgres healthy", Duration.ofMinutes(2), () -> docker.call(Duration.ofSeconds(30),
                List.of("exec", run + "-postgres", "sh", "-c", String.valueOf(check.get(1)))).exitCode() == 0);
        return port;
    }

    /** The coordinator's store URL from the compose file, pointed at the PostgreSQL container's loopback port. */
    private static String store(ComposeFile compose, int port) throws URISyntaxException {
        URI store = URI.create(compose.setting("coordinator", "store").orElseThrow());
        return new URI(store.getScheme(), store.getUserInfo(), "127.0.0.1", port, store.getPath(), null, null).toString();
    }

    /** Starts a service's container on the host's network, with its compose volumes as volumes of this run. */
    private static void container(DockerEngine docker, ComposeFile compose, String run, String service, String image,
            Map<String, String> environment, List<String> command) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("run", "-d", "--name", run + "-" + service, "--label", LABEL + "=" + run,
                "--network", "host", "--memory", "2g"));
        environment.forEach((name, value) -> arguments.addAll(List.of("-e", name + "=" + value)));
        for (ComposeFile.Mount mount : compose.mounts(service)) {
            String volume = run + "-" + mount.source();
            docker.run(Duration.ofSeconds(60), "volume", "create", "--label", LABEL + "=" + run, volume);
            arguments.addAll(List.of("-v", volume + ":" + mount.target() + (mount.readOnly() ? ":ro" : "")));
        }
        arguments.add(image);
        arguments.addAll(command);
        docker.run(Duration.ofMinutes(2), arguments);
    }

    /** Removes the run's containers (with their anonymous volumes), named volumes and project image. */
    private static void remove(DockerEngine docker, String run, String image) throws IOException, InterruptedException {
        String filter = "label=" + LABEL + "=" + run;
        List<String> containers = docker.run(Duration.ofSeconds(60), "ps", "-aq", "--filter", filter).lines().toList();
        if (!containers.isEmpty()) {
            docker.run(Duration.ofMinutes(2), Stream.concat(Stream.of("rm", "-f", "-v"), containers.stream()).toList());
        }
        List<String> volumes = docker.run(Duration.ofSeconds(60), "volume", "ls", "-q", "--filter", filter).lines().toList();
        if (!volumes.isEmpty()) {
            docker.run(Duration.ofMinutes(2), Stream.concat(Stream.of("volume", "rm"), volumes.stream()).toList());
        }
        if (docker.hasImage(image)) {
            docker.run(Duration.ofMinutes(2), "rmi", image);
        }
    }

    private static String containerLogs(DockerEngine docker, String run) throws IOException, InterruptedException {
        StringBuilder logs = new StringBuilder();
        for (String name : docker.run(Duration.ofSeconds(60), "ps", "-a", "--filter", "label=" + LABEL + "=" + run,
                "--format", "{{.Names}}").lines().toList()) {
            logs.append("--- ").append(name).append('\n')
                    .append(docker.call(Duration.ofSeconds(60), List.of("logs", "--tail", "60", name)).output()).append('\n');
        }
        return logs.toString();
    }

    private static boolean healthy(URI health) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private void phase(String name) {
        Instant now = Instant.now();
        phases.put(name, Duration.between(phaseStart, now));
        phaseStart = now;
    }

    private static void copyFolder(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Duration timeout, Check check) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + ": not reached within " + timeout);
    }
}
