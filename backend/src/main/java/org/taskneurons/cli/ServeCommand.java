package org.taskneurons.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.taskneurons.cluster.ClusterSettings;
import org.taskneurons.cluster.HazelcastSetup;
import org.taskneurons.cluster.Node;
import org.taskneurons.cluster.NodeConfig;
import org.taskneurons.cluster.NodeMode;
import org.taskneurons.web.ServerMetrics;
import org.taskneurons.web.SpecSubmitter;
import org.taskneurons.web.WebConfig;
import org.taskneurons.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: one node of Task Neurons until Ctrl-C or SIGTERM. Standalone runs everything
 * on a local Vert.x; coordinator and worker join a Hazelcast cluster. Settings come from
 * flags, then {@code TN_*} variables, then the configuration file, then the defaults (see
 * {@link ServeSettings}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a Task Neurons node: scheduler, workers, REST API, dashboard and event-bus bridges.",
            "Every option can also come from the environment (TN_ and the option in upper snake case, e.g. TN_BRIDGE_PORT)"
                    + " or from a YAML/JSON file (--config; keys are the option names, e.g. bridge-port: 7000);"
                    + " flags override the environment, which overrides the file."})
final class ServeCommand implements Callable<Integer> {
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(2);
    private static final long CLOSE_SECONDS = 20;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Where TN_* variables come from; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Option(names = "--mode", paramLabel = "MODE", description = "standalone (default), coordinator or worker.")
    String mode;
    @Option(names = "--config", paramLabel = "FILE", description = "A YAML or JSON file of settings.")
    String config;
    @Option(names = "--host", paramLabel = "HOST",
            description = "Interface the web server and TCP bridge listen on (default 127.0.0.1); any other needs a token.")
    String host;
    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default 8080; 0: any free one).")
    String port;
    @Option(names = "--bridge-port", paramLabel = "PORT", description = "TCP event-bus bridge port (default 7000; 0: any free one; -1: none).")
    String bridgePort;
    @Option(names = "--bridge-max-frame", paramLabel = "BYTES",
            description = "Most bytes of one TCP bridge frame; a longer one closes the connection unread (default 1048576).")
    String bridgeMaxFrame;
    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token for mutating calls and the bridges (required when not on loopback; generated and kept in"
                    + " the state folder when none is given).")
    String token;
    @Option(names = "--data-root", paramLabel = "DIR", description = "Folder that specs' data files must lie in (repeatable; default: the current folder).")
    List<String> dataRoots;
    @Option(names = "--state-dir", paramLabel = "DIR", description = "Folder for the H2 store and the token (default ./taskneurons-data).")
    String stateDir;
    @Option(names = "--store", paramLabel = "STORE", description = "h2:PATH (default: the state folder's store) or postgresql://user:password@host:port/db.")
    String store;
    @Option(names = "--node", paramLabel = "NAME", description = "This node's name (default: the host name).")
    String node;
    @Option(names = "--slots", paramLabel = "N", description = "CPU task slots (default: one per core; 0 on a coordinator).")
    String slots;
    @Option(names = "--gpus", paramLabel = "auto|none", description = "auto (default): one more slot per GPU found; none: CPU only.")
    String gpus;
    @Option(names = "--cluster-host", paramLabel = "HOST", description = "Address Hazelcast and the event bus bind to and announce (default 127.0.0.1).")
    String clusterHost;
    @Option(names = "--cluster-port", paramLabel = "PORT", description = "Hazelcast port (default 5701).")
    String clusterPort;
    @Option(names = "--bus-port", paramLabel = "PORT",
            description = "Clustered event-bus port (default 0: any free one; fix it when nodes are behind firewalls or NAT).")
    String busPort;
    @Option(names = "--members", paramLabel = "HOST:PORT", split = ",", description = "Cluster members to join (comma-separated).")
    List<String> members;
    @Option(names = "--grafana-url", paramLabel = "URL", description = "Grafana, for the dashboard's link.")
    String grafanaUrl;
    @Option(names = "--submit", paramLabel = "SPEC", description = "Spec file to submit once the node is up (repeatable).")
    List<String> submit;
    @Option(names = "--lease-seconds", paramLabel = "S", description = "How long a task stays leased without a heartbeat (default 30).")
    String leaseSeconds;
    @Option(names = "--heartbeat-seconds", paramLabel = "S", description = "How often a worker renews its leases (default 10).")
    String heartbeatSeconds;

    @Option(names = "--allowed-hosts", paramLabel = "NAME", split = ",",
            description = "Host names the server answers besides loopback (or IP) addresses, e.g. a proxy's (comma-separated).")
    List<String> allowedHosts;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ServeSettings settings = ServeSettings.resolve(flags(), environment);
        RunningNode running;
        try {
            running = start(settings, out);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping " + settings.node() + " ...");
            out.flush();
            running.close();
            stopped.countDown();
        }, "taskneurons-shutdown"));
        submitAll(running, settings, out);
        stopped.await();
        return 0;
    }

    private Map<String, Object> flags() {
        return ServeSettings.flags(ServeSettings.CONFIG, config, "mode", mode, "host", host, "port", port, "bridge-port", bridgePort,
                "bridge-max-frame", bridgeMaxFrame,
                "token", token, "data-root", dataRoots, "state-dir", stateDir, "store", store, "node", node, "slots", slots,
                "gpus", gpus, "cluster-host", clusterHost, "cluster-port", clusterPort, "bus-port", busPort, "members", members,
                "grafana-url", grafanaUrl, "submit", submit, "lease-seconds", leaseSeconds, "heartbeat-seconds", heartbeatSeconds,
                "allowed-hosts", allowedHosts);
    }

    /** Starts the node and its web server; a failure part way closes what had started. */
    static RunningNode start(ServeSettings settings, PrintWriter out) throws IOException {
        NodeConfig nodeConfig = nodeConfig(settings);
        WebConfig webConfig = webConfig(settings, out);
        ServerMetrics metrics = ServerMetrics.create();
        RunningNode running = new RunningNode(metrics);
        try {
            running.vertx = vertx(settings, metrics).await(2, TimeUnit.MINUTES);
            running.node = Node.deploy(running.vertx, nodeConfig, metrics.registry()).await(2, TimeUnit.MINUTES);
            running.web = WebServer.start(running.vertx, webConfig, metrics.registry()).await(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            running.close();
            throw new IllegalStateException("cannot start the " + settings.mode() + " node: " + message(e), e);
        }
        running.settings = settings;
        printBanner(running, out);
        return running;
    }

    /** The node's Vert.x: local for standalone, else clustered, Hazelcast and the event bus on the cluster host. */
    static Future<Vertx> vertx(ServeSettings settings, ServerMetrics metrics) {
        if (settings.mode().equals("standalone")) {
            return Future.succeededFuture(metrics.vertxBuilder(new VertxOptions()).build());
        }
        ClusterSettings cluster = new ClusterSettings(settings.clusterHost(), settings.clusterPort(), settings.members(),
                ClusterSettings.DEFAULT_CLUSTER_NAME);
        EventBusOptions bus = new EventBusOptions().setHost(settings.clusterHost()).setPort(settings.busPort());
        if (!settings.clusterHost().equals("0.0.0.0")) {
            bus.setClusterPublicHost(settings.clusterHost());
        }
        return metrics.vertxBuilder(new VertxOptions().setEventBusOptions(bus))
                .withClusterManager(HazelcastSetup.clusterManager(cluster))
                .buildClustered();
    }

    static NodeConfig nodeConfig(ServeSettings settings) {
        NodeConfig base = switch (settings.mode()) {
            case "coordinator" -> NodeConfig.coordinator(settings.node(), settings.storeConfig(), settings.dataRoots());
            case "worker" -> NodeConfig.worker(settings.node(), settings.dataRoots());
            default -> NodeConfig.standalone(settings.storeConfig(), settings.dataRoots()).withNodeName(settings.node());
        };
        NodeConfig config = base.withUseGpus(settings.useGpus());
        if (settings.slots() != null) {
            config = config.withSlots(settings.slots());
        }
        if (settings.leaseSeconds() != null) {
            config = config.withLease(Duration.ofSeconds(settings.leaseSeconds()));
        }
        if (settings.heartbeatSeconds() != null) {
            config = config.withHeartbeat(Duration.ofSeconds(settings.heartbeatSeconds()));
        }
        return config;
    }

    /** The web server's settings; a node that serves the API beyond loopback gets a token (the kept one, or a new one). */
    static WebConfig webConfig(ServeSettings settings, PrintWriter out) throws IOException {
        NodeMode mode = NodeMode.valueOf(settings.mode().toUpperCase(java.util.Locale.ROOT));
        WebConfig config = WebConfig.local(settings.dataRoots())
                .withHost(settings.host())
                .withPorts(settings.port(), settings.bridgePort())
                .withGrafanaUrl(settings.grafanaUrl())
                .withAllowedHosts(settings.allowedHosts())
                .withBridgeMaxFrame(settings.bridgeMaxFrame())
                .withNode(settings.node(), settings.mode());
        if (!mode.isScheduler()) {
            return config.withoutApi();
        }
        if (settings.token() != null) {
            return config.withToken(settings.token());
        }
        if (!WebConfig.isLoopback(settings.host())) {
            return config.withToken(TokenFile.loadOrCreate(settings.stateDir(), out));
        }
        return config;
    }

    private static void printBanner(RunningNode running, PrintWriter out) {
        ServeSettings settings = running.settings;
        out.println("Task Neurons " + settings.mode() + " node '" + settings.node() + "' is up.");
        if (!settings.mode().equals("worker")) {
            out.println("  dashboard:  " + dashboardUrl(running));
            if (running.web.bridgePort() != WebConfig.BRIDGE_OFF) {
                out.println("  TCP bridge: " + settings.host() + ":" + running.web.bridgePort());
            }
        } else {
            out.println("  health and metrics: http://" + settings.host() + ":" + running.web.port() + "/health, /metrics");
        }
        out.println("  data roots: " + settings.dataRoots());
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private static String dashboardUrl(RunningNode running) {
        String host = running.settings.host();
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + running.web.port() + "/";
    }

    private static void submitAll(RunningNode running, ServeSettings settings, PrintWriter out) {
        for (Path file : settings.submit()) {
            try {
                JsonObject experiment = SpecSubmitter.submit(running.vertx, file, SUBMIT_TIMEOUT).await();
                out.println("Submitted " + file + ": experiment " + experiment.getString("id") + " ('" + experiment.getString("name")
                        + "', " + experiment.getValue("total") + " tasks) → " + dashboardUrl(running) + "#/experiments/"
                        + experiment.getString("id"));
            } catch (Exception e) {
                out.println("Not submitted: " + message(e));
            }
            out.flush();
        }
    }

    private static String message(Throwable e) {
        Throwable shown = e;
        while (shown.getCause() != null && (shown.getMessage() == null || shown instanceof java.util.concurrent.CompletionException)) {
            shown = shown.getCause();
        }
        return Optional.ofNullable(shown.getMessage()).orElse(shown.getClass().getSimpleName());
    }

    /** What a started node holds, closed in reverse order of starting. */
    static final class RunningNode implements AutoCloseable {
        private final ServerMetrics metrics;
        Vertx vertx;
        Node node;
        WebServer web;
        ServeSettings settings;

        RunningNode(ServerMetrics metrics) {
            this.metrics = metrics;
        }

        int port() {
            return web.port();
        }

        int bridgePort() {
            return web.bridgePort();
        }

        Vertx vertx() {
            return vertx;
        }

        @Override
        public void close() {
            closeQuietly(web == null ? null : web.close());
            closeQuietly(node == null ? null : node.close());
            closeQuietly(vertx == null ? null : vertx.close());
            metrics.close();
        }

        private static void closeQuietly(Future<Void> closing) {
            if (closing == null) {
                return;
            }
            try {
                closing.await(CLOSE_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("while stopping: " + message(e));
            }
        }
    }
}
