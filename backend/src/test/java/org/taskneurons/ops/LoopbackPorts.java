package org.taskneurons.ops;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.taskneurons.server.FreePorts;

/**
 * The ports one node of docker/docker-compose.yml gets when the compose topology runs on one
 * host's loopback (as processes or as containers on the host's network): HTTP, TCP bridge,
 * Hazelcast and clustered event bus, each free on loopback.
 */
record LoopbackPorts(int http, int bridge, int cluster, int bus) {
    static Map<String, LoopbackPorts> free(List<String> nodes) {
        Map<String, LoopbackPorts> ports = new LinkedHashMap<>();
        nodes.forEach(node -> ports.put(node, new LoopbackPorts(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next())));
        return ports;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + http);
    }

    String httpAddress() {
        return "127.0.0.1:" + http;
    }

    /**
     * The node's compose environment with what Docker's network would provide replaced: its
     * own address (the entry point's TN_CLUSTER_HOST), loopback ports, members as loopback
     * addresses and, where the node has one, {@code store} as its store. Unset variables
     * ({@code TN_TOKEN: ${TN_TOKEN:-}}) are left out, as serve reads an empty one as unset.
     */
    static Map<String, String> environment(ComposeFile compose, String node, Map<String, LoopbackPorts> ports, String store) {
        Map<String, String> environment = new LinkedHashMap<>(compose.environment(node));
        environment.values().removeIf(String::isEmpty);
        LoopbackPorts own = ports.get(node);
        environment.put("TN_HOST", "127.0.0.1");
        environment.put("TN_PORT", String.valueOf(own.http()));
        environment.put("TN_BRIDGE_PORT", String.valueOf(own.bridge()));
        environment.put("TN_CLUSTER_HOST", "127.0.0.1");
        environment.put("TN_CLUSTER_PORT", String.valueOf(own.cluster()));
        environment.put("TN_BUS_PORT", String.valueOf(own.bus()));
        List<String> members = new ArrayList<>();
        for (String member : compose.setting(node, "members").orElseThrow().split(",")) {
            members.add("127.0.0.1:" + ports.get(member.trim().split(":")[0]).cluster());
        }
        environment.put("TN_MEMBERS", String.join(",", members));
        if (compose.setting(node, "store").isPresent()) {
            environment.put("TN_STORE", store);
        }
        return environment;
    }
}
