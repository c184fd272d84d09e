package org.taskneurons.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.taskneurons.server.Server;
import org.taskneurons.server.ServerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: one node of Task Neurons until Ctrl-C or SIGTERM. Standalone runs everything
 * on a local Vert.x; coordinator and worker join a Hazelcast cluster. Settings come from
 * flags, then {@code TN_*} variables, then the configuration file, then the defaults (see
 * {@link ServerSettings}); {@link Server} starts the node.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a Task Neurons node: scheduler, workers, REST API, dashboard and event-bus bridges.",
            "Every option can also come from the environment (TN_ and the option in upper snake case, e.g. TN_BRIDGE_PORT)"
                    + " or from a YAML/JSON file (--config; keys are the option names, e.g. bridge-port: 7000);"
                    + " flags override the environment, which overrides the file."})
final class ServeCommand implements Callable<Integer> {
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
    @Option(names = "--bundle-size", paramLabel = "N",
            description = "Most compatible trainings (seeds of one data set, model and structure) a slot leases at once and"
                    + " trains side by side where that is faster, 1 to 1024 (default 32 on a CPU slot, 256 on a GPU slot; 1: one at a time).")
    String bundleSize;
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
        ServerSettings settings = ServerSettings.resolve(flags(), environment);
        Server server;
        try {
            server = Server.start(settings, out);
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping " + settings.node() + " ...");
            out.flush();
            server.close();
            stopped.countDown();
        }, "taskneurons-shutdown"));
        server.submitAll(out);
        stopped.await();
        return 0;
    }

    private Map<String, Object> flags() {
        return ServerSettings.flags(ServerSettings.CONFIG, config, "mode", mode, "host", host, "port", port, "bridge-port", bridgePort,
                "bridge-max-frame", bridgeMaxFrame,
                "token", token, "data-root", dataRoots, "state-dir", stateDir, "store", store, "node", node, "slots", slots,
                "gpus", gpus, "bundle-size", bundleSize, "cluster-host", clusterHost, "cluster-port", clusterPort, "bus-port", busPort, "members", members,
                "grafana-url", grafanaUrl, "submit", submit, "lease-seconds", leaseSeconds, "heartbeat-seconds", heartbeatSeconds,
                "allowed-hosts", allowedHosts);
    }
}
