package org.taskneurons.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taskneurons.store.StoreConfig;

/**
 * The compose file, its GPU override, Prometheus' scrape configuration and the Dockerfile
 * agree with each other and with {@code serve}: every service the cluster guide names
 * exists, scrape targets are the nodes' HTTP ports, cluster members their Hazelcast ports,
 * the store URL the PostgreSQL service; Debian's docker-compose resolves the files the same
 * way. {@link DockerClusterTest} builds the image and runs the topology in containers,
 * {@link ClusterTopologyTest} as processes.
 */
class DeploymentFilesTest {
    static final Path DOCKER = Path.of("..", "docker");
    /** The services the README's cluster deployment guide names. */
    static final List<String> GUIDE_SERVICES = List.of("coordinator", "worker-1", "worker-2", "postgres", "prometheus", "grafana");

    private static ComposeFile compose;
    private static Map<String, Object> prometheus;

    @BeforeAll
    static void read() throws IOException {
        compose = ComposeFile.read(DOCKER.resolve("docker-compose.yml"));
        prometheus = Yaml.read(DOCKER.resolve("prometheus.yml"));
    }

    @Test
    void composeHasEveryServiceTheGuideNames() throws IOException {
        assertThat(compose.services()).containsKeys(GUIDE_SERVICES.toArray(String[]::new));
        assertThat(servicesNamedInReadme()).allSatisfy(service ->
                assertThat(compose.services()).as("the README names service %s", service).containsKey(service));
    }

    @ParameterizedTest
    @CsvSource({"coordinator, coordinator", "worker-1, worker", "worker-2, worker", "worker, worker"})
    void nodesServeInTheirMode(String service, String mode) {
        assertThat(compose.nodes()).contains(service);
        assertThat(compose.setting(service, "mode")).contains(mode);
        assertThat(compose.setting(service, "host")).as("%s must listen beyond the container's loopback", service)
                .hasValueSatisfying(host -> assertThat(host).isNotIn("127.0.0.1", "localhost"));
    }

    @Test
    void prometheusScrapesEveryNodeOnItsHttpPort() {
        Map<String, Integer> targets = scrapeTargets(prometheus);
        assertThat(targets.keySet()).containsExactlyInAnyOrderElementsOf(compose.nodes());
        targets.forEach((service, port) ->
                assertThat(port).as("scrape port of %s", service).isEqualTo(compose.httpPort(service)));
        assertThat(jobs(prometheus)).allSatisfy(job ->
                assertThat(job.getOrDefault("metrics_path", "/metrics")).isEqualTo("/metrics"));
    }

    @Test
    void clusterMembersAreNodesOnTheirClusterPorts() {
        for (String node : compose.nodes()) {
            String members = compose.setting(node, "members").orElse("");
            assertThat(members).as("members of %s", node).isNotBlank();
            for (String member : members.split(",")) {
                String[] hostPort = member.trim().split(":");
                assertThat(compose.nodes()).as("member %s of %s", member, node).contains(hostPort[0]);
                assertThat(hostPort[1]).as("member %s of %s", member, node)
                        .isEqualTo(compose.setting(hostPort[0], "cluster-port").orElseThrow());
            }
        }
        for (String worker : compose.nodes()) {
            if (compose.setting(worker, "mode").orElseThrow().equals("worker")) {
                assertThat(compose.setting(worker, "members").orElseThrow()).contains("coordinator:");
                assertThat(dependsOn(worker)).contains("coordinator");
            }
        }
    }

    @Test
    void everyNodeFixesItsEventBusPortBesideHazelcastsAndTheImageExposesBoth() throws IOException {
        Set<String> exposed = exposedPorts();
        for (String node : compose.nodes()) {
            String cluster = compose.setting(node, "cluster-port").orElseThrow();
            String bus = compose.setting(node, "bus-port").orElseThrow();
            assertThat(bus).as("bus-port of %s (0 would take a random port a firewall cannot know)", node).isNotEqualTo("0");
            assertThat(bus).as("bus-port of %s", node).isNotEqualTo(cluster);
            assertThat(exposed).as("ports the Dockerfile exposes").contains(cluster, bus);
        }
    }

    @Test
    void coordinatorStoresInThePostgresService() {
        URI store = URI.create(compose.setting("coordinator", "store").orElseThrow());
        Map<String, String> postgres = compose.environment("postgres");
        assertThat(store.getScheme()).isEqualTo("postgresql");
        assertThat(store.getHost()).isEqualTo("postgres");
        assertThat(store.getPort()).isEqualTo(5432);
        assertThat(store.getUserInfo()).isEqualTo(postgres.get("POSTGRES_USER") + ":" + postgres.get("POSTGRES_PASSWORD"));
        assertThat(store.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
        assertThat(StoreConfig.postgres(store.toString()).jdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/taskneurons");
        assertThat(dependsOn("coordinator")).contains("postgres");
        for (String node : compose.nodes()) {
            if (!node.equals("coordinator")) {
                assertThat(compose.setting(node, "store")).as("store of %s (workers use none)", node).isEmpty();
            }
        }
    }

    @Test
    void publishedPortsMatchTheServices() {
        int http = compose.httpPort("coordinator");
        int bridge = Integer.parseInt(compose.setting("coordinator", "bridge-port").orElseThrow());
        assertThat(compose.publishedPorts("coordinator")).containsEntry(http, 8080).containsEntry(bridge, 7000);
        assertThat(compose.publishedPorts("prometheus")).containsEntry(9090, 9090);
        assertThat(compose.publishedPorts("grafana")).containsEntry(3000, 3000);
        assertThat(compose.setting("coordinator", "grafana-url")).contains("http://localhost:3000/d/taskneurons");
    }

    @Test
    void prometheusMountsItsConfiguration() {
        List<String> command = compose.command("prometheus");
        String configFile = command.stream().filter(argument -> argument.startsWith("--config.file="))
                .map(argument -> argument.substring("--config.file=".length())).findFirst().orElseThrow();
        assertThat(compose.mounts("prometheus")).anySatisfy(mount -> {
            assertThat(mount.target()).isEqualTo(configFile);
            assertThat(compose.bindSource(mount)).isEqualTo(DOCKER.resolve("prometheus.yml").normalize());
        });
    }

    @Test
    void grafanaMountsProvisioningAndDashboards() throws IOException {
        Map<String, String> targets = new LinkedHashMap<>();
        for (ComposeFile.Mount mount : compose.mounts("grafana")) {
            if (mount.isBind()) {
                assertThat(compose.bindSource(mount)).as("mount source of %s", mount.target()).isDirectory();
                targets.put(mount.target(), compose.bindSource(mount).toString());
            }
        }
        assertThat(targets).containsEntry("/etc/grafana/provisioning", Path.of("..", "grafana", "provisioning").toString());
        Map<String, Object> provider = Yaml.map(Yaml.list(Yaml.read(GrafanaFilesTest.DASHBOARDS_PROVISIONING), "providers").get(0));
        String dashboards = String.valueOf(Yaml.map(provider, "options").get("path"));
        assertThat(targets).containsEntry(dashboards, Dashboard.FILE.getParent().toString());
        assertThat(compose.environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
                .isEqualTo(dashboards + "/" + Dashboard.FILE.getFileName());

        URI datasource = URI.create(String.valueOf(GrafanaFilesTest.datasource().get("url")));
        assertThat(compose.services()).containsKey(datasource.getHost());
        assertThat(datasource.getPort()).isEqualTo(9090);
    }

    @Test
    void gpuOverrideReservesNvidiaGpusForAGpuImage() throws IOException {
        ComposeFile gpu = ComposeFile.read(DOCKER.resolve("docker-compose.gpu.yml"));
        assertThat(gpu.services()).isNotEmpty();
        assertThat(compose.nodes()).containsAll(gpu.services().keySet());
        for (String service : gpu.services().keySet()) {
            Map<String, Object> reservations = Yaml.map(Yaml.map(Yaml.map(gpu.service(service), "deploy"), "resources"), "reservations");
            assertThat(Yaml.list(reservations, "devices")).isNotEmpty().allSatisfy(device -> {
                assertThat(Yaml.map(device).get("driver")).isEqualTo("nvidia");
                assertThat(Yaml.list(Yaml.map(device), "capabilities")).contains("gpu");
            });
            Map<String, Object> build = Yaml.map(gpu.service(service), "build");
            assertThat(stages()).contains(String.valueOf(build.get("target")));
            assertThat(gpu.environment(service)).containsEntry("TN_GPUS", "auto");
        }
    }

    @Test
    void dockerfileBuildsTheShadedJarAndRunsServe() throws IOException {
        List<String> lines = Files.readAllLines(DOCKER.resolve("Dockerfile"));
        assertThat(froms(lines)).as("base images, build arguments at their defaults")
                .containsEntry("build", "maven:3-eclipse-temurin-17").containsEntry("runtime", "eclipse-temurin:17-jre")
                .containsEntry("libtorch-cuda", "eclipse-temurin:17-jre").containsEntry("gpu", "runtime");
        assertThat(stages()).last().isEqualTo("cpu");
        String text = String.join("\n", lines);
        assertThat(text).contains("libgomp1").contains("PYTORCH_LIBRARY_PATH").contains("PYTORCH_FLAVOR")
                .contains("CMD [\"serve\"]");
        Matcher libtorch = Pattern.compile("<pytorch.native.version>([^<]+)</pytorch.native.version>")
                .matcher(Files.readString(Path.of("..", "pom.xml")));
        assertThat(libtorch.find()).isTrue();
        assertThat(text).as("the GPU image's libtorch is the version the engine was built for")
                .contains("ARG LIBTORCH_VERSION=" + libtorch.group(1));

        String pom = Files.readString(Path.of("pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
        assertThat(finalName.find()).isTrue();
        assertThat(text).contains("backend/target/" + finalName.group(1) + ".jar");
        assertThat(Files.readString(DOCKER.resolve("entrypoint.sh"))).contains("java -jar /opt/taskneurons/" + finalName.group(1) + ".jar");
        assertThat(Files.isExecutable(DOCKER.resolve("entrypoint.sh"))).isTrue();

        for (String line : lines) {
            if (line.startsWith("COPY ") && !line.contains("--from=")) {
                String[] parts = line.split("\\s+");
                for (int i = 1; i < parts.length - 1; i++) {
                    assertThat(Path.of("..", parts[i])).as("COPY source %s", parts[i]).exists();
                }
            }
        }
        for (String service : compose.nodes()) {
            Map<String, Object> build = Yaml.map(compose.service(service), "build");
            assertThat(compose.file().getParent().resolve(String.valueOf(build.get("context")))
                    .resolve(String.valueOf(build.get("dockerfile"))).normalize())
                    .isEqualTo(DOCKER.resolve("Dockerfile").normalize());
        }
    }

    @Test
    void promtoolAcceptsTheScrapeConfiguration() throws IOException, InterruptedException {
        Path promtool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool), "promtool not installed (Debian package prometheus), test skipped");
        Process process = new ProcessBuilder(promtool.toString(), "check", "config", DOCKER.resolve("prometheus.yml").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    /**
     * Debian's docker-compose (1.29, the Python one) reads the compose file alone and with the
     * GPU override, and resolves the same services, environments and published ports as this
     * test's reading; for the override, worker-1's build target and reservation too.
     */
    @Test
    void debiansDockerComposeReadsTheFilesAsThisTestDoes() throws IOException, InterruptedException {
        Path client = Path.of("/usr/bin/docker-compose");
        assumeTrue(Files.isExecutable(client), "docker-compose not installed at " + client
                + " (Debian package docker-compose, installed by .ci/run), test skipped");
        Map<String, Object> alone = composeConfig(client, "docker-compose.yml");
        assertThat(Yaml.map(alone, "services").keySet()).containsExactlyInAnyOrderElementsOf(compose.services().keySet());
        for (String service : compose.services().keySet()) {
            Map<String, Object> resolved = Yaml.map(Yaml.map(alone, "services"), service);
            Map<String, String> environment = new LinkedHashMap<>();
            Yaml.map(resolved, "environment").forEach((name, value) -> environment.put(name, String.valueOf(value)));
            assertThat(environment).as("environment of %s", service).isEqualTo(compose.environment(service));
            Map<Integer, Integer> ports = new LinkedHashMap<>();
            Yaml.list(resolved, "ports").forEach(port -> ports.put((Integer) Yaml.map(port).get("target"),
                    (Integer) Yaml.map(port).get("published")));
            assertThat(ports).as("published ports of %s", service).isEqualTo(compose.publishedPorts(service));
        }
        Map<String, Object> gpu = Yaml.map(Yaml.map(composeConfig(client, "docker-compose.yml", "docker-compose.gpu.yml"),
                "services"), "worker-1");
        assertThat(Yaml.map(gpu, "build").get("target")).isEqualTo("gpu");
        assertThat(Yaml.map(gpu, "environment")).containsEntry("TN_GPUS", "auto").containsEntry("TN_MODE", "worker");
        assertThat(Yaml.map(Yaml.map(gpu, "deploy"), "resources")).containsKey("reservations");
    }

    /** {@code docker-compose -f FILE... config} run in docker/ with none of the files' variables set, as YAML. */
    private static Map<String, Object> composeConfig(Path client, String... files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(client.toString()));
        for (String file : files) {
            command.addAll(List.of("-f", file));
        }
        command.add("config");
        ProcessBuilder builder = new ProcessBuilder(command).directory(DOCKER.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("TN_") || variable.startsWith("COMPOSE_")
                || variable.startsWith("POSTGRES_") || variable.startsWith("GRAFANA_"));
        Path output = Files.createTempFile("compose-config", ".yml");
        try {
            Process process = builder.redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
            String errors = new String(process.getErrorStream().readAllBytes());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("docker-compose %s config: %s", String.join(" ", files), errors).isZero();
            return Yaml.read(output);
        } finally {
            Files.delete(output);
        }
    }

    /** Scrape targets of all jobs, host to port: static targets and DNS service-discovery names. */
    static Map<String, Integer> scrapeTargets(Map<String, Object> prometheus) {
        Map<String, Integer> targets = new LinkedHashMap<>();
        for (Map<String, Object> job : jobs(prometheus)) {
            for (Object config : Yaml.list(job, "static_configs")) {
                for (Object target : Yaml.list(Yaml.map(config), "targets")) {
                    String[] hostPort = String.valueOf(target).split(":");
                    targets.put(hostPort[0], Integer.parseInt(hostPort[1]));
                }
            }
            for (Object config : Yaml.list(job, "dns_sd_configs")) {
                for (Object name : Yaml.list(Yaml.map(config), "names")) {
                    targets.put(String.valueOf(name), (Integer) Yaml.map(config).get("port"));
                }
            }
        }
        return targets;
    }

    static List<Map<String, Object>> jobs(Map<String, Object> prometheus) {
        return Yaml.list(prometheus, "scrape_configs").stream().map(Yaml::map).toList();
    }

    private static Set<String> dependsOn(String service) {
        Object dependsOn = compose.service(service).get("depends_on");
        if (dependsOn instanceof Map<?, ?> map) {
            return map.keySet().stream().map(String::valueOf).collect(Collectors.toSet());
        }
        return dependsOn == null ? Set.of() : Yaml.list(compose.service(service), "depends_on").stream()
                .map(String::valueOf).collect(Collectors.toSet());
    }

    /** The ports of the Dockerfile's EXPOSE lines. */
    private static Set<String> exposedPorts() throws IOException {
        Set<String> ports = new LinkedHashSet<>();
        for (String line : Files.readAllLines(DOCKER.resolve("Dockerfile"))) {
            if (line.startsWith("EXPOSE ")) {
                ports.addAll(List.of(line.substring("EXPOSE ".length()).trim().split("\\s+")));
            }
        }
        return ports;
    }

    private static List<String> stages() throws IOException {
        return new ArrayList<>(froms(Files.readAllLines(DOCKER.resolve("Dockerfile"))).keySet());
    }

    /**
     * Stage name to the image or stage it starts from, in file order, with {@code ${ARG}} in
     * FROM lines at the default of its ARG line before the first FROM.
     */
    private static Map<String, String> froms(List<String> lines) {
        Map<String, String> froms = new LinkedHashMap<>();
        Map<String, String> arguments = new LinkedHashMap<>();
        Pattern from = Pattern.compile("FROM\\s+(\\S+)\\s+AS\\s+(\\S+)", Pattern.CASE_INSENSITIVE);
        Pattern argument = Pattern.compile("ARG\\s+([A-Za-z_][A-Za-z0-9_]*)=(\\S+)");
        for (String line : lines) {
            Matcher matcher = from.matcher(line.trim());
            Matcher global = argument.matcher(line.trim());
            if (matcher.matches()) {
                String image = matcher.group(1);
                for (Map.Entry<String, String> entry : arguments.entrySet()) {
                    image = image.replace("${" + entry.getKey() + "}", entry.getValue());
                }
                froms.put(matcher.group(2), image);
            } else if (froms.isEmpty() && global.matches()) {
                arguments.put(global.group(1), global.group(2));
            }
        }
        return froms;
    }

    /**
     * Services the README names in {@code docker compose} commands: after {@code logs},
     * {@code restart}, {@code stop}, {@code start}, {@code up}, {@code ps} every word that is
     * not an option, after {@code exec} and {@code run} the first, and {@code --scale NAME=N}.
     */
    private static Set<String> servicesNamedInReadme() throws IOException {
        Set<String> services = new LinkedHashSet<>();
        Pattern command = Pattern.compile("docker compose\\b([^`\\n]*)");
        Matcher matcher = command.matcher(Files.readString(Path.of("..", "README.md")));
        while (matcher.find()) {
            List<String> words = List.of(matcher.group(1).trim().split("\\s+"));
            String subcommand = null;
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                if (word.equals("-f") || word.equals("--file") || word.equals("--profile") || word.equals("--tail")
                        || word.equals("-n")) {
                    i++;
                } else if (word.equals("--scale") && i + 1 < words.size()) {
                    services.add(words.get(++i).split("=")[0]);
                } else if (word.startsWith("#")) {
                    break;
                } else if (word.startsWith("-") || word.isEmpty()) {
                    continue;
                } else if (subcommand == null) {
                    subcommand = word;
                } else if (Set.of("logs", "restart", "stop", "start", "up", "ps").contains(subcommand)) {
                    services.add(word);
                } else if (Set.of("exec", "run").contains(subcommand)) {
                    services.add(word);
                    break;
                } else {
                    break;
                }
            }
        }
        return services;
    }
}
