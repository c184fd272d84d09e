package org.taskneurons.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.taskneurons.store.StoreConfig;

class NodeConfigTest {
    private static final StoreConfig STORE = StoreConfig.h2(Path.of("target", "unused"));
    private static final NodeConfig STANDALONE = NodeConfig.standalone(STORE, List.of());

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of((Supplier<Object>) () -> STANDALONE.withNodeName("has space"), "nodeName"),
                Arguments.of((Supplier<Object>) () -> STANDALONE.withNodeName(""), "nodeName"),
                Arguments.of((Supplier<Object>) () -> STANDALONE.withSlots(-1), "slots out of range [0, 1024]: -1"),
                Arguments.of((Supplier<Object>) () -> STANDALONE.withStore(null), "store must be given"),
                Arguments.of((Supplier<Object>) () -> STANDALONE.withLease(Duration.ofMillis(10)), "lease out of range"),
                Arguments.of((Supplier<Object>) () -> STANDALONE.withHeartbeat(Duration.ofSeconds(30)), "heartbeat"),
                Arguments.of((Supplier<Object>) () -> STANDALONE.withMaxAttempts(0), "maxAttempts out of range"),
                Arguments.of((Supplier<Object>) () -> STANDALONE.withProgressInterval(Duration.ofMinutes(2)),
                        "progressInterval out of range"),
                Arguments.of((Supplier<Object>) () -> new ClusterSettings("127.0.0.1", 0, List.of(), null),
                        "port out of range"),
                Arguments.of((Supplier<Object>) () -> new ClusterSettings(null, 5701, List.of("nohost"), null),
                        "members entry is not host:port: 'nohost'"),
                Arguments.of((Supplier<Object>) () -> new ClusterSettings(null, 5701, List.of("h:99999"), null),
                        "port out of range"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidSettingsNameTheirField(Supplier<Object> build, String message) {
        assertThatThrownBy(build::get).hasMessageContaining(message);
    }

    @Test
    void defaultsAndCopies() {
        assertThat(STANDALONE.mode()).isEqualTo(NodeMode.STANDALONE);
        assertThat(STANDALONE.slots()).isPositive();
        assertThat(STANDALONE.lease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(STANDALONE.heartbeat()).isEqualTo(Duration.ofSeconds(10));
        assertThat(STANDALONE.maxAttempts()).isEqualTo(3);
        assertThat(STANDALONE.progressInterval()).isEqualTo(Duration.ofMillis(250));
        NodeConfig shortLease = STANDALONE.withLease(Duration.ofSeconds(3));
        assertThat(shortLease.heartbeat()).isEqualTo(Duration.ofSeconds(1));
        NodeConfig worker = NodeConfig.worker("w1", List.of());
        assertThat(worker.store()).isNull();
        assertThat(worker.mode().isScheduler()).isFalse();
        assertThat(NodeConfig.coordinator("c", STORE, List.of()).hasWorkers()).isFalse();
    }

    @Test
    void hazelcastJoinsByTcpOnlyOnTheGivenInterface() {
        Config config = HazelcastSetup.config(new ClusterSettings("127.0.0.1", 15701, List.of("127.0.0.1:15702"), "tn-test"));
        JoinConfig join = config.getNetworkConfig().getJoin();
        assertThat(config.getClusterName()).isEqualTo("tn-test");
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:15702");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(15701);
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
        assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
        // vertx-hazelcast's maps for the clustered event bus are kept.
        assertThat(config.getMultiMapConfigs()).containsKey("__vertx.subs");
        Config alone = HazelcastSetup.config(ClusterSettings.defaults());
        assertThat(alone.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).containsExactly("127.0.0.1:5701");
    }
}
