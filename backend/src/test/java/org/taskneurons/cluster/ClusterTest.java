package org.taskneurons.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.taskneurons.server.FreePorts;
import org.taskneurons.store.StoreConfig;

/**
 * Two clustered Vert.x instances in one JVM, joined by Hazelcast over TCP/IP on loopback: a
 * coordinator without slots and a worker node, finishing a sweep of noop tasks.
 */
class ClusterTest {
    @TempDir
    Path folder;
    private final String clusterName = "tn-test-" + UUID.randomUUID();
    private Vertx coordinatorVertx;
    private Vertx workerVertx;
    private Node coordinator;
    private Node worker;

    @AfterEach
    void close() {
        if (worker != null) {
            Bus.await(worker.close());
        }
        if (coordinator != null) {
            Bus.await(coordinator.close());
        }
        if (workerVertx != null) {
            Bus.await(workerVertx.close());
        }
        if (coordinatorVertx != null) {
            Bus.await(coordinatorVertx.close());
        }
    }

    private Vertx clustered(int port, int seedPort) {
        ClusterSettings settings = new ClusterSettings("127.0.0.1", port, List.of("127.0.0.1:" + seedPort), clusterName);
        return Bus.await(Vertx.builder().withClusterManager(HazelcastSetup.clusterManager(settings)).buildClustered());
    }

    @Test
    void aWorkerNodeRunsTheCoordinatorsTasks() throws IOException {
        int coordinatorPort = FreePorts.next();
        int workerPort = FreePorts.next();
        long start = System.nanoTime();
        coordinatorVertx = clustered(coordinatorPort, coordinatorPort);
        workerVertx = clustered(workerPort, coordinatorPort);
        SimpleMeterRegistry coordinatorMeters = new SimpleMeterRegistry();
        SimpleMeterRegistry workerMeters = new SimpleMeterRegistry();
        coordinator = Bus.await(Node.deploy(coordinatorVertx, NodeConfig.coordinator("coordinator",
                StoreConfig.h2(folder.resolve("store")), List.of()), coordinatorMeters));
        worker = Bus.await(Node.deploy(workerVertx, NodeConfig.worker("worker-1", List.of()).withSlots(2)
                .withUseGpus(false), workerMeters));
        double startSeconds = (System.nanoTime() - start) / 1e9;

        long sweepStart = System.nanoTime();
        String id = Bus.call(workerVertx, Addresses.API_SUBMIT, new JsonObject()
                        .put("noop", new JsonObject().put("tasks", 50).put("name", "cluster sweep")))
                .getJsonObject("experiment").getString("id");
        Bus.awaitState(coordinatorVertx, id, "DONE", Duration.ofSeconds(60));
        double sweepSeconds = (System.nanoTime() - sweepStart) / 1e9;
        System.out.printf("cluster up in %.1f s; 50 noop tasks over the cluster in %.2f s%n", startSeconds, sweepSeconds);

        JsonArray results = Bus.call(coordinatorVertx, Addresses.API_RESULTS, new JsonObject().put("id", id))
                .getJsonArray("results");
        assertThat(results).hasSize(50)
                .allMatch(result -> ((JsonObject) result).getString("worker").startsWith("worker-1/"));
        assertThat(workerMeters.get(MetricNames.SLOTS).tag(MetricNames.TAG_NODE, "worker-1").gauge().value())
                .isEqualTo(2);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonArray nodes;
        do {
            nodes = Bus.call(workerVertx, Addresses.API_NODES, new JsonObject()).getJsonArray("nodes");
            Bus.sleep(100);
        } while (nodes.size() < 2 && System.nanoTime() < end);
        assertThat(nodes.stream().map(node -> ((JsonObject) node).getString("node")))
                .containsExactlyInAnyOrder("coordinator", "worker-1");
    }
}
