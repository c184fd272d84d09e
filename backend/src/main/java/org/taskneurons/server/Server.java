package org.taskneurons.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
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

/**
 * One running node of Task Neurons: its Vert.x (local for standalone, else clustered over
 * Hazelcast), the node's verticles and its web server, started from {@link ServerSettings} and
 * closed in reverse order. {@code serve} and the tests start nodes through {@link #start}.
 */
public final class Server implements AutoCloseable {
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(2);
    private static final long CLOSE_SECONDS = 20;

    private final ServerSettings settings;
    private final ServerMetrics metrics;
    private Vertx vertx;
    private Node node;
    private WebServer web;

    private Server(ServerSettings settings, ServerMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Starts the node and its web server and prints where to reach them; a failure part way
     * closes what had started.
     *
     * @throws IllegalStateException naming the mode and the cause when a part does not start
     */
    public static Server start(ServerSettings settings, PrintWriter out) throws IOException {
        NodeConfig nodeConfig = nodeConfig(settings);
        WebConfig webConfig = webConfig(settings, out);
        Server server = new Server(settings, ServerMetrics.create());
        try {
            server.vertx = vertx(settings, server.metrics).await(2, TimeUnit.MINUTES);
            server.node = Node.deploy(server.vertx, nodeConfig, server.metrics.registry()).await(2, TimeUnit.MINUTES);
            server.web = WebServer.start(server.vertx, webConfig, server.metrics.registry()).await(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("cannot start the " + settings.mode().label() + " node: " + message(e), e);
        }
        server.printBanner(out);
        return server;
    }

    /** The node's Vert.x: local for standalone, else clustered, Hazelcast and the event bus on the cluster host. */
    static Future<Vertx> vertx(ServerSettings settings, ServerMetrics metrics) {
        if (settings.mode() == NodeMode.STANDALONE) {
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

    static NodeConfig nodeConfig(ServerSettings settings) {
        NodeConfig base = switch (settings.mode()) {
            case COORDINATOR -> NodeConfig.coordinator(settings.node(), settings.storeConfig(), settings.dataRoots());
            case WORKER -> NodeConfig.worker(settings.node(), settings.dataRoots());
            case STANDALONE -> NodeConfig.standalone(settings.storeConfig(), settings.dataRoots()).withNodeName(settings.node());
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
        return config.withBundleSize(settings.bundleSize());
    }

    /** The web server's settings; a node that serves the API beyond loopback gets a token (the kept one, or a new one). */
    static WebConfig webConfig(ServerSettings settings, PrintWriter out) throws IOException {
        WebConfig config = WebConfig.local(settings.dataRoots())
                .withHost(settings.host())
                .withPorts(settings.port(), settings.bridgePort())
                .withGrafanaUrl(settings.grafanaUrl())
                .withAllowedHosts(settings.allowedHosts())
                .withBridgeMaxFrame(settings.bridgeMaxFrame())
                .withNode(settings.node(), settings.mode().label());
        if (!settings.mode().isScheduler()) {
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

    /** Submits each spec file in turn and prints where its experiment can be watched, or why it was not submitted. */
    public void submitAll(PrintWriter out) {
        for (Path file : settings.submit()) {
            try {
                JsonObject experiment = SpecSubmitter.submit(vertx, file, SUBMIT_TIMEOUT).await();
                out.println("Submitted " + file + ": experiment " + experiment.getString("id") + " ('" + experiment.getString("name")
                        + "', " + experiment.getValue("total") + " tasks) → " + dashboardUrl() + "#/experiments/"
                        + experiment.getString("id"));
            } catch (Exception e) {
                out.println("Not submitted: " + message(e));
            }
            out.flush();
        }
    }

    public ServerSettings settings() {
        return settings;
    }

    /** The HTTP port the web server listens on. */
    public int port() {
        return web.port();
    }

    /** The TCP bridge's port, or {@link WebConfig#BRIDGE_OFF}. */
    public int bridgePort() {
        return web.bridgePort();
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Stops the web server, the node and Vert.x, in that order; a part that does not stop in time is reported and skipped. */
    @Override
    public void close() {
        closeQuietly(web == null ? null : web.close());
        closeQuietly(node == null ? null : node.close());
        closeQuietly(vertx == null ? null : vertx.close());
        metrics.close();
    }

    private void printBanner(PrintWriter out) {
        out.println("Task Neurons " + settings.mode().label() + " node '" + settings.node() + "' is up.");
        if (settings.mode() != NodeMode.WORKER) {
            out.println("  dashboard:  " + dashboardUrl());
            if (web.bridgePort() != WebConfig.BRIDGE_OFF) {
                out.println("  TCP bridge: " + settings.host() + ":" + web.bridgePort());
            }
        } else {
            out.println("  health and metrics: http://" + settings.host() + ":" + web.port() + "/health, /metrics");
        }
        out.println("  data roots: " + settings.dataRoots());
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private String dashboardUrl() {
        String host = settings.host();
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + web.port() + "/";
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

    private static String message(Throwable e) {
        Throwable shown = e;
        while (shown.getCause() != null && (shown.getMessage() == null || shown instanceof CompletionException)) {
            shown = shown.getCause();
        }
        return Optional.ofNullable(shown.getMessage()).orElse(shown.getClass().getSimpleName());
    }
}
