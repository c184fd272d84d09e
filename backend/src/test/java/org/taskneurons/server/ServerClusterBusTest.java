package org.taskneurons.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.NodeInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.taskneurons.web.ServerMetrics;

/**
 * A coordinator's and a worker's clustered Vert.x as {@code serve} builds them, in one JVM on
 * loopback, each with a fixed {@code bus-port}: each event bus listens on its port, the cluster
 * tells the other node that port, and a request crosses between them.
 */
class ServerClusterBusTest {
    private static final String ADDRESS = "tn.test.bus-port";

    private final List<Vertx> nodes = new ArrayList<>();
    private final List<ServerMetrics> registries = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close().await(30, TimeUnit.SECONDS);
        }
        registries.forEach(ServerMetrics::close);
    }

    private Vertx start(String mode, int clusterPort, int busPort, int seedPort) throws Exception {
        ServerSettings settings = ServerSettings.resolve(ServerSettings.flags("mode", mode, "cluster-host", "127.0.0.1",
                "cluster-port", Integer.toString(clusterPort), "bus-port", Integer.toString(busPort),
                "members", List.of("127.0.0.1:" + seedPort)), Map.of());
        ServerMetrics metrics = ServerMetrics.create();
        registries.add(metrics);
        Vertx vertx = Server.vertx(settings, metrics).await(2, TimeUnit.MINUTES);
        nodes.add(vertx);
        return vertx;
    }

    @Test
    void eachEventBusBindsAndAnnouncesItsFixedPort() throws Exception {
        int coordinatorCluster = FreePorts.next();
        int workerCluster = FreePorts.next();
        int coordinatorBus = FreePorts.next();
        int workerBus = FreePorts.next();
        Vertx coordinator = start("coordinator", coordinatorCluster, coordinatorBus, coordinatorCluster);
        Vertx worker = start("worker", workerCluster, workerBus, coordinatorCluster);

        assertThat(listens(coordinatorBus)).as("coordinator's event bus on %d", coordinatorBus).isTrue();
        assertThat(listens(workerBus)).as("worker's event bus on %d", workerBus).isTrue();
        assertThat(announced(worker, coordinator)).as("what the worker dials to reach the coordinator")
                .isEqualTo(coordinatorBus);
        assertThat(announced(coordinator, worker)).as("what the coordinator dials to reach the worker").isEqualTo(workerBus);

        coordinator.eventBus().<String>consumer(ADDRESS, message -> message.reply("pong " + message.body()))
                .completion().await(10, TimeUnit.SECONDS);
        assertThat(requestUntilAnswered(worker, "from worker")).isEqualTo("pong from worker");
    }

    /** The event-bus port {@code from}'s cluster manager holds for {@code to}. */
    private static int announced(Vertx from, Vertx to) throws Exception {
        ClusterManager target = ((VertxInternal) to).clusterManager();
        Promise<NodeInfo> info = Promise.promise();
        ((VertxInternal) from).clusterManager().getNodeInfo(target.getNodeId(), info);
        NodeInfo node = info.future().await(10, TimeUnit.SECONDS);
        assertThat(node.host()).isEqualTo("127.0.0.1");
        return node.port();
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A request to {@link #ADDRESS}, repeated while the consumer's registration spreads to the other node. */
    private static String requestUntilAnswered(Vertx from, String body) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return from.eventBus().<String>request(ADDRESS, body).await(5, TimeUnit.SECONDS).body();
            } catch (ReplyException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
