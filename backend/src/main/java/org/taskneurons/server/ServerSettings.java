package org.taskneurons.server;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.taskneurons.cluster.NodeMode;
import org.taskneurons.store.LeaseRequest;
import org.taskneurons.store.StoreConfig;
import org.taskneurons.web.WebConfig;

/**
 * Everything {@code serve} needs, resolved from four layers: command-line flags override
 * environment variables ({@code TN_} and the flag in upper snake case: {@code TN_BRIDGE_PORT})
 * override the configuration file ({@code --config} or {@code TN_CONFIG}; keys are the flag
 * names: {@code bridge-port}) override the defaults. List settings come from repeated flags,
 * from the file as a list, and from the environment separated by the path separator
 * ({@code data-root}, {@code submit}) or by commas ({@code members}).
 *
 * @param mode        what the node runs
 * @param slots       CPU task slots; null for the node's default
 * @param useGpus     {@code --gpus auto}: one more slot per GPU found
 * @param store       where the coordinator keeps its state: {@code h2:PATH}, {@code postgresql://…} or a JDBC URL
 * @param clusterPort Hazelcast's port
 * @param busPort     the clustered event bus's port; 0 for any free one, which suits one host
 *                    but not nodes behind firewalls or published container ports
 * @param members     other cluster members as {@code host:port}
 * @param grafanaUrl  null for none
 * @param token       null for none given
 * @param leaseSeconds     how long a task stays leased without a heartbeat; null for the default (30 s)
 * @param heartbeatSeconds how often a worker renews its leases; null for the default (10 s)
 * @param allowedHosts     host names the web server answers besides its loopback or IP addresses
 * @param bridgeMaxFrame   most bytes of one TCP bridge frame
 * @param bundleSize       the most compatible trainings a worker slot leases and trains at once;
 *                         null for each device's default (NodeConfig#bundleSizeOn)
 */
public record ServerSettings(NodeMode mode, String host, int port, int bridgePort, String token, List<Path> dataRoots, Path stateDir,
        String store, String node, Integer slots, boolean useGpus, String clusterHost, int clusterPort, int busPort,
        List<String> members, String grafanaUrl, List<Path> submit, Integer leaseSeconds, Integer heartbeatSeconds,
        List<String> allowedHosts, int bridgeMaxFrame, Integer bundleSize) {

    public static final String CONFIG = "config";
    static final List<String> KEYS = List.of("mode", "host", "port", "bridge-port", "token", "data-root", "state-dir", "store",
            "node", "slots", "gpus", "cluster-host", "cluster-port", "bus-port", "members", "grafana-url", "submit",
            "lease-seconds", "heartbeat-seconds", "allowed-hosts", "bridge-max-frame", "bundle-size");
    static final Set<String> LIST_KEYS = Set.of("data-root", "members", "submit", "allowed-hosts");

    public ServerSettings {
        dataRoots = List.copyOf(dataRoots);
        members = List.copyOf(members);
        submit = List.copyOf(submit);
        allowedHosts = List.copyOf(allowedHosts);
    }

    /** The environment variable of a setting: {@code bridge-port} → {@code TN_BRIDGE_PORT}. */
    static String environmentName(String key) {
        return "TN_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * The settings from {@code flags} (key → String or List of String, absent when not given),
     * {@code environment} and the configuration file either names.
     */
    public static ServerSettings resolve(Map<String, Object> flags, Map<String, String> environment) throws IOException {
        Layers layers = new Layers(flags, environment);
        NodeMode mode = layers.value("mode", NodeMode::of, NodeMode.STANDALONE);
        Path stateDir = layers.value("state-dir", Path::of, Path.of("taskneurons-data"));
        String gpus = layers.text("gpus", "auto").toLowerCase(Locale.ROOT);
        if (!gpus.equals("auto") && !gpus.equals("none")) {
            throw new IllegalArgumentException(layers.origin("gpus") + ": '" + gpus + "' is neither auto nor none");
        }
        List<String> members = new ArrayList<>();
        for (String listed : layers.list("members", ",")) {
            for (String member : listed.split(",")) {
                if (!member.isBlank()) {
                    members.add(member(layers, member.trim()));
                }
            }
        }
        String token = layers.text("token", null);
        String grafana = layers.text("grafana-url", null);
        if (grafana != null && !grafana.matches("https?://\\S+")) {
            throw new IllegalArgumentException(layers.origin("grafana-url") + ": not an http(s) URL: '" + grafana + "'");
        }
        List<Path> dataRoots = layers.list("data-root", File.pathSeparator).stream().map(Path::of).toList();
        int clusterPort = layers.integer("cluster-port", 5701, 1, 65_535);
        int busPort = layers.integer("bus-port", 0, 0, 65_535);
        if (busPort == clusterPort) {
            throw new IllegalArgumentException(layers.origin("bus-port") + ": " + busPort + " is Hazelcast's port (cluster-port);"
                    + " the event bus needs a port of its own");
        }
        return new ServerSettings(
                mode,
                layers.text("host", "127.0.0.1"),
                layers.integer("port", 8080, 0, 65_535),
                layers.integer("bridge-port", 7000, -1, 65_535),
                token == null || token.isBlank() ? null : token,
                dataRoots.isEmpty() ? List.of(Path.of(".")) : dataRoots,
                stateDir,
                layers.text("store", null),
                layers.text("node", defaultNodeName()),
                layers.has("slots") ? layers.integer("slots", 0, 0, 4096) : null,
                gpus.equals("auto"),
                layers.text("cluster-host", "127.0.0.1"),
                clusterPort,
                busPort,
                members,
                grafana,
                layers.list("submit", File.pathSeparator).stream().map(Path::of).toList(),
                layers.has("lease-seconds") ? layers.integer("lease-seconds", 0, 1, 3600) : null,
                layers.has("heartbeat-seconds") ? layers.integer("heartbeat-seconds", 0, 1, 3599) : null,
                allowedHosts(layers),
                layers.integer("bridge-max-frame", WebConfig.DEFAULT_BRIDGE_MAX_FRAME, WebConfig.MIN_BRIDGE_MAX_FRAME,
                        WebConfig.MAX_BRIDGE_MAX_FRAME),
                layers.has("bundle-size") ? layers.integer("bundle-size", 0, 1, LeaseRequest.MAX_BUNDLE_SIZE) : null);
    }

    /** The store this node opens: the one given, or an H2 file in the state folder. */
    StoreConfig storeConfig() {
        if (store == null || store.isBlank()) {
            return StoreConfig.h2(stateDir.resolve("store"));
        }
        if (store.startsWith("h2:")) {
            return StoreConfig.h2(Path.of(store.substring("h2:".length())));
        }
        if (store.startsWith("postgresql://") || store.startsWith("postgres://") || store.startsWith("jdbc:postgresql:")) {
            return StoreConfig.postgres(store);
        }
        throw new IllegalArgumentException("store: '" + store.replaceAll("//[^@/]*@", "//…@")
                + "' is neither h2:PATH nor postgresql://user:password@host:port/db");
    }

    /** Without the token and the store's password, so the settings can be printed. */
    @Override
    public String toString() {
        return "ServerSettings[mode=" + mode + ", host=" + host + ", port=" + port + ", bridgePort=" + bridgePort
                + ", token=" + (token == null ? "none" : "given") + ", dataRoots=" + dataRoots + ", stateDir=" + stateDir
                + ", store=" + (store == null ? "default" : store.replaceAll("//[^@/]*@", "//…@")) + ", node=" + node
                + ", slots=" + slots + ", useGpus=" + useGpus + ", clusterHost=" + clusterHost + ", clusterPort=" + clusterPort
                + ", busPort=" + busPort + ", members=" + members + ", grafanaUrl=" + grafanaUrl + ", submit=" + submit
                + ", leaseSeconds=" + leaseSeconds + ", heartbeatSeconds=" + heartbeatSeconds + ", allowedHosts=" + allowedHosts
                + ", bridgeMaxFrame=" + bridgeMaxFrame + ", bundleSize=" + bundleSize + "]";
    }

    private static List<String> allowedHosts(Layers layers) {
        List<String> names = new ArrayList<>();
        for (String listed : layers.list("allowed-hosts", ",")) {
            for (String name : listed.split(",")) {
                if (!name.isBlank()) {
                    String host = name.trim().toLowerCase(Locale.ROOT);
                    if (!WebConfig.isHostName(host)) {
                        throw new IllegalArgumentException(layers.origin("allowed-hosts") + ": '" + name.trim()
                                + "' is not a host name (letters, digits, dots and hyphens, no port)");
                    }
                    names.add(host);
                }
            }
        }
        return names;
    }

    private static String member(Layers layers, String member) {
        int colon = member.lastIndexOf(':');
        if (colon <= 0 || !member.substring(colon + 1).matches("\\d{1,5}") || Integer.parseInt(member.substring(colon + 1)) > 65_535) {
            throw new IllegalArgumentException(layers.origin("members") + ": '" + member + "' is not host:port");
        }
        return member;
    }

    private static String defaultNodeName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }

    /** Where each setting comes from, highest layer first. */
    private static final class Layers {
        private final Map<String, Object> flags;
        private final Map<String, String> environment;
        private final Map<String, Object> file;
        private final Path fileName;

        Layers(Map<String, Object> flags, Map<String, String> environment) throws IOException {
            this.flags = flags;
            this.environment = environment;
            Object config = flags.containsKey(CONFIG) ? flags.get(CONFIG) : environment.get(environmentName(CONFIG));
            this.fileName = config == null || config.toString().isBlank() ? null : Path.of(config.toString());
            this.file = fileName == null ? Map.of() : ConfigFile.read(fileName, new LinkedHashSet<>(KEYS), LIST_KEYS);
        }

        boolean has(String key) {
            return flags.get(key) != null || environment.get(environmentName(key)) != null || file.get(key) != null;
        }

        /** How an error names the layer a setting came from. */
        String origin(String key) {
            if (flags.get(key) != null) {
                return "--" + key;
            }
            if (environment.get(environmentName(key)) != null) {
                return environmentName(key);
            }
            if (file.get(key) != null) {
                return "config file " + fileName + ": " + key;
            }
            return key;
        }

        private Object raw(String key) {
            if (flags.get(key) != null) {
                return flags.get(key);
            }
            if (environment.get(environmentName(key)) != null) {
                return environment.get(environmentName(key));
            }
            return file.get(key);
        }

        String text(String key, String fallback) {
            Object value = raw(key);
            if (value instanceof List<?> list) {
                throw new IllegalArgumentException(origin(key) + ": takes one value, not " + list);
            }
            return value == null ? fallback : value.toString().trim();
        }

        <T> T value(String key, Function<String, T> parse, T fallback) {
            String text = text(key, null);
            if (text == null) {
                return fallback;
            }
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin(key) + ": " + e.getMessage(), e);
            }
        }

        int integer(String key, int fallback, int min, int max) {
            String text = text(key, null);
            if (text == null) {
                return fallback;
            }
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(origin(key) + ": not a whole number: '" + text + "'");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(origin(key) + ": out of range [" + min + ", " + max + "]: " + value);
            }
            return value;
        }

        /** A list setting; an environment value is split at {@code separator}. */
        List<String> list(String key, String separator) {
            Object value = raw(key);
            if (value == null) {
                return List.of();
            }
            if (value instanceof List<?> list) {
                return list.stream().map(Object::toString).toList();
            }
            return Arrays.stream(value.toString().split(java.util.regex.Pattern.quote(separator)))
                    .filter(item -> !item.isBlank()).toList();
        }
    }

    /** The flags a command line gave, by setting key; absent ones left out. */
    public static Map<String, Object> flags(Object... keysAndValues) {
        Map<String, Object> flags = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
                flags.put((String) keysAndValues[i], value);
            }
        }
        return flags;
    }
}
