package org.taskneurons.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The Hazelcast cluster manager of a clustered node. It starts from vertx-hazelcast's own
 * configuration (which holds the maps and multimaps the clustered event bus needs) and
 * replaces the network part: bind to the configured host and port only, join by TCP/IP from
 * the configured members, multicast and auto-detection off. The event bus then binds to the
 * same address (vertx-hazelcast reports the local member's host as the cluster host; no public
 * address is set, since vertx-hazelcast would take it as the event bus's host verbatim).
 */
public final class HazelcastSetup {
    private static final String ANY = "0.0.0.0";

    /**
     * JVM options that open the JDK internals Hazelcast uses on Java 17 (it warns and runs
     * slower without them); the jar's manifest carries the same as {@code Add-Opens} for
     * {@code java -jar}, and a node started with {@code -cp} needs them on its command line.
     */
    public static final List<String> JVM_OPTIONS = List.of(
            "--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    private HazelcastSetup() {
    }

    public static ClusterManager clusterManager(ClusterSettings settings) {
        return new HazelcastClusterManager(config(settings));
    }

    /** The Hazelcast configuration {@link #clusterManager} uses. */
    public static Config config(ClusterSettings settings) {
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(settings.clusterName());
        // No phone-home to hazelcast.com, and the JVM's shutdown is Vert.x's business.
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        String address = address(settings.host());
        if (!ANY.equals(address)) {
            // Hazelcast binds to every interface unless told otherwise, even with one interface listed.
            config.setProperty("hazelcast.socket.bind.any", "false");
        }
        network(config.getNetworkConfig(), address, settings);
        return config;
    }

    private static void network(NetworkConfig network, String address, ClusterSettings settings) {
        network.setPort(settings.port()).setPortAutoIncrement(false);
        if (ANY.equals(address)) {
            network.getInterfaces().setEnabled(false);
        } else {
            network.getInterfaces().setEnabled(true).clear().addInterface(address);
        }
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).clear();
        if (settings.members().isEmpty()) {
            join.getTcpIpConfig().addMember(address + ":" + settings.port());
        } else {
            settings.members().forEach(member -> join.getTcpIpConfig().addMember(member));
        }
    }

    /** The host as an IP address: Hazelcast's interface list takes addresses, not names. */
    private static String address(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host is not a known address: '" + host + "'", e);
        }
    }
}
