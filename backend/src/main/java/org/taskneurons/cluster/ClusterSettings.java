package org.taskneurons.cluster;

import java.util.List;
import java.util.Objects;

/**
 * How a clustered node finds the others: Hazelcast on {@code host:port}, joining the listed
 * members over TCP/IP (never multicast, so it works on networks that drop it and never
 * joins a stranger's cluster by accident).
 *
 * @param host        the address Hazelcast and the event bus bind to and announce, e.g.
 *                    {@code 127.0.0.1} (default) or the machine's LAN address
 * @param port        Hazelcast's port, in [1, 65535]; default {@value #DEFAULT_PORT}
 * @param members     {@code host:port} of members to join; empty: this node starts a cluster
 * @param clusterName nodes only join a cluster of the same name; default {@value #DEFAULT_CLUSTER_NAME}
 */
public record ClusterSettings(String host, int port, List<String> members, String clusterName) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5701;
    public static final String DEFAULT_CLUSTER_NAME = "taskneurons";

    public ClusterSettings {
        host = host == null || host.isBlank() ? DEFAULT_HOST : host.strip();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range [1, 65535]: " + port);
        }
        members = List.copyOf(Objects.requireNonNullElse(members, List.of()));
        for (String member : members) {
            requireMember(member);
        }
        clusterName = clusterName == null || clusterName.isBlank() ? DEFAULT_CLUSTER_NAME : clusterName.strip();
    }

    /** A single node on loopback with the default port and name. */
    public static ClusterSettings defaults() {
        return new ClusterSettings(DEFAULT_HOST, DEFAULT_PORT, List.of(), DEFAULT_CLUSTER_NAME);
    }

    public ClusterSettings withHost(String value) {
        return new ClusterSettings(value, port, members, clusterName);
    }

    private static void requireMember(String member) {
        int colon = member == null ? -1 : member.lastIndexOf(':');
        if (colon <= 0 || colon == member.length() - 1) {
            throw new IllegalArgumentException("members entry is not host:port: '" + member + "'");
        }
        try {
            int memberPort = Integer.parseInt(member.substring(colon + 1));
            if (memberPort < 1 || memberPort > 65535) {
                throw new IllegalArgumentException("members entry has a port out of range [1, 65535]: '" + member + "'");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("members entry is not host:port: '" + member + "'", e);
        }
    }
}
