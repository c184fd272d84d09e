package org.taskneurons.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskneurons.cluster.NodeConfig;
import org.taskneurons.cluster.NodeMode;
import org.taskneurons.web.WebConfig;

/** {@code serve}'s settings: flags over environment over file over defaults, and errors that name the setting and its source. */
class ServerSettingsTest {
    @TempDir
    Path folder;

    private Path config(String yaml) throws Exception {
        Path file = folder.resolve("serve.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void flagsBeatTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefaults() throws Exception {
        Path file = config("""
                port: 9001
                bridge-port: 9002
                host: 127.0.0.2
                node: from-file
                data-root: [/data/a, /data/b]
                members: 10.0.0.1:5701
                slots: 3
                """);
        ServerSettings settings = ServerSettings.resolve(ServerSettings.flags("config", file.toString(), "port", "9101"),
                Map.of("TN_BRIDGE_PORT", "9202", "TN_NODE", "from-env", "TN_DATA_ROOT", "/env/a" + File.pathSeparator + "/env/b"));
        assertThat(settings.port()).isEqualTo(9101);
        assertThat(settings.bridgePort()).isEqualTo(9202);
        assertThat(settings.node()).isEqualTo("from-env");
        assertThat(settings.dataRoots()).containsExactly(Path.of("/env/a"), Path.of("/env/b"));
        assertThat(settings.host()).isEqualTo("127.0.0.2");
        assertThat(settings.members()).containsExactly("10.0.0.1:5701");
        assertThat(settings.slots()).isEqualTo(3);
        assertThat(settings.mode()).isEqualTo(NodeMode.STANDALONE);
        assertThat(settings.clusterPort()).isEqualTo(5701);
        assertThat(settings.stateDir()).isEqualTo(Path.of("taskneurons-data"));
        assertThat(settings.slots()).isEqualTo(3);
        assertThat(settings.useGpus()).isTrue();
    }

    @Test
    void theConfigFileCanBeNamedInTheEnvironmentAndTheDefaultsFillTheRest() throws Exception {
        Path file = config("mode: coordinator\nmembers: [a:1, b:2]\n");
        ServerSettings settings = ServerSettings.resolve(Map.of(), Map.of("TN_CONFIG", file.toString(), "TN_MEMBERS", "c:3,d:4"));
        assertThat(settings.mode()).isEqualTo(NodeMode.COORDINATOR);
        assertThat(settings.members()).containsExactly("c:3", "d:4");
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.bridgePort()).isEqualTo(7000);
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.dataRoots()).containsExactly(Path.of("."));
        assertThat(settings.slots()).isNull();
        assertThat(Server.nodeConfig(settings).slots()).as("a coordinator runs no tasks by default").isZero();
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of(Map.of("port", "http"), Map.of(), "--port: not a whole number: 'http'"),
                Arguments.of(Map.of(), Map.of("TN_PORT", "70000"), "TN_PORT: out of range [0, 65535]: 70000"),
                Arguments.of(Map.of("mode", "boss"), Map.of(), "--mode: 'boss' is not one of standalone, coordinator, worker"),
                Arguments.of(Map.of(), Map.of("TN_GPUS", "some"), "TN_GPUS: 'some' is neither auto nor none"),
                Arguments.of(Map.of("members", List.of("nohost")), Map.of(), "--members: 'nohost' is not host:port"),
                Arguments.of(Map.of(), Map.of("TN_GRAFANA_URL", "grafana"), "TN_GRAFANA_URL: not an http(s) URL"),
                Arguments.of(Map.of("slots", "-1"), Map.of(), "--slots: out of range [0, 4096]: -1"),
                Arguments.of(Map.of("bus-port", "bus"), Map.of(), "--bus-port: not a whole number: 'bus'"),
                Arguments.of(Map.of(), Map.of("TN_BUS_PORT", "-1"), "TN_BUS_PORT: out of range [0, 65535]: -1"),
                Arguments.of(Map.of("bus-port", "5701"), Map.of(), "--bus-port: 5701 is Hazelcast's port (cluster-port)"),
                Arguments.of(Map.of("cluster-port", "6000"), Map.of("TN_BUS_PORT", "6000"),
                        "TN_BUS_PORT: 6000 is Hazelcast's port (cluster-port)"),
                Arguments.of(Map.of("allowed-hosts", List.of("tn.lab:8080")), Map.of(),
                        "--allowed-hosts: 'tn.lab:8080' is not a host name"),
                Arguments.of(Map.of(), Map.of("TN_ALLOWED_HOSTS", "ok.example,bad host"),
                        "TN_ALLOWED_HOSTS: 'bad host' is not a host name"),
                Arguments.of(Map.of("bridge-max-frame", "100"), Map.of(),
                        "--bridge-max-frame: out of range [1024, 268435456]: 100"),
                Arguments.of(Map.of("bundle-size", "0"), Map.of(), "--bundle-size: out of range [1, 1024]: 0"),
                Arguments.of(Map.of(), Map.of("TN_BUNDLE_SIZE", "many"), "TN_BUNDLE_SIZE: not a whole number: 'many'"));
    }

    @Test
    void aSlotBundlesByItsDevicesDefaultUnlessTheBundleSizeIsSet() throws Exception {
        NodeConfig defaults = Server.nodeConfig(ServerSettings.resolve(Map.of(), Map.of()));
        assertThat(defaults.bundleSizeOn(false)).isEqualTo(NodeConfig.CPU_BUNDLE_SIZE).isEqualTo(32);
        assertThat(defaults.bundleSizeOn(true)).isEqualTo(NodeConfig.GPU_BUNDLE_SIZE).isEqualTo(256);
        NodeConfig unbundled = Server.nodeConfig(ServerSettings.resolve(Map.of(), Map.of("TN_BUNDLE_SIZE", "1")));
        assertThat(unbundled.bundleSizeOn(false)).isEqualTo(1);
        assertThat(unbundled.bundleSizeOn(true)).isEqualTo(1);
        ServerSettings fromFile = ServerSettings.resolve(ServerSettings.flags("config", config("bundle-size: 64\n").toString()),
                Map.of());
        assertThat(Server.nodeConfig(fromFile).bundleSizeOn(true)).isEqualTo(64);
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void badValuesNameTheSettingAndWhereItCameFrom(Map<String, Object> flags, Map<String, String> environment, String error) {
        assertThatThrownBy(() -> ServerSettings.resolve(flags, environment)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(error);
    }

    @Test
    void allowedHostsComeFromRepeatedFlagsACommaListOrTheFileInLowerCase() throws Exception {
        assertThat(ServerSettings.resolve(Map.of(), Map.of()).allowedHosts()).isEmpty();
        assertThat(ServerSettings.resolve(ServerSettings.flags("allowed-hosts", List.of("TN.lab.example", "proxy")), Map.of())
                .allowedHosts()).containsExactly("tn.lab.example", "proxy");
        assertThat(ServerSettings.resolve(Map.of(), Map.of("TN_ALLOWED_HOSTS", "a.example, b.example")).allowedHosts())
                .containsExactly("a.example", "b.example");
        ServerSettings fromFile = ServerSettings.resolve(ServerSettings.flags("config",
                config("allowed-hosts: [c.example]\n").toString()), Map.of());
        assertThat(Server.webConfig(fromFile, new PrintWriter(new StringWriter())).allowedHosts())
                .containsExactly("c.example");
    }

    @Test
    void theBridgeFrameLimitIsOneMebibyteUnlessAFlagTheEnvironmentOrTheFileSetsIt() throws Exception {
        PrintWriter out = new PrintWriter(new StringWriter());
        assertThat(Server.webConfig(ServerSettings.resolve(Map.of(), Map.of()), out).bridgeMaxFrame()).isEqualTo(1 << 20);
        assertThat(ServerSettings.resolve(ServerSettings.flags("bridge-max-frame", "4096"), Map.of("TN_BRIDGE_MAX_FRAME", "8192"))
                .bridgeMaxFrame()).isEqualTo(4096);
        assertThat(ServerSettings.resolve(Map.of(), Map.of("TN_BRIDGE_MAX_FRAME", "8192")).bridgeMaxFrame()).isEqualTo(8192);
        ServerSettings fromFile = ServerSettings.resolve(ServerSettings.flags("config",
                config("bridge-max-frame: 65536\n").toString()), Map.of());
        assertThat(Server.webConfig(fromFile, out).bridgeMaxFrame()).isEqualTo(65536);
    }

    static Stream<Arguments> busPorts() {
        return Stream.of(
                Arguments.of(Map.of("bus-port", "5801"), Map.of("TN_BUS_PORT", "5802"), "bus-port: 5803\n", 5801),
                Arguments.of(Map.of(), Map.of("TN_BUS_PORT", "5802"), "bus-port: 5803\n", 5802),
                Arguments.of(Map.of(), Map.of(), "bus-port: 5803\n", 5803),
                Arguments.of(Map.of(), Map.of(), "cluster-port: 5702\n", 0));
    }

    @ParameterizedTest
    @MethodSource("busPorts")
    void theBusPortComesFromTheFlagThenTheEnvironmentThenTheFileElseAnyFreePort(Map<String, Object> flags,
            Map<String, String> environment, String file, int busPort) throws Exception {
        Map<String, Object> withFile = new HashMap<>(flags);
        withFile.put("config", config(file).toString());
        assertThat(ServerSettings.resolve(withFile, environment).busPort()).isEqualTo(busPort);
    }

    @Test
    void aBadBusPortInTheFileNamesTheFileAndTheKey() throws Exception {
        Path file = config("bus-port: 70000\n");
        assertThatThrownBy(() -> ServerSettings.resolve(ServerSettings.flags("config", file.toString()), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("config file " + file + ": bus-port: out of range [0, 65535]: 70000");
    }

    @Test
    void anUnknownConfigKeyIsAnErrorNamingIt() throws Exception {
        Path file = config("port: 1\nbrige-port: 2\n");
        assertThatThrownBy(() -> ServerSettings.resolve(ServerSettings.flags("config", file.toString()), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown key 'brige-port'").hasMessageContaining("bridge-port");
        Path json = folder.resolve("serve.json");
        Files.writeString(json, "{\"port\": [1, 2]}");
        assertThatThrownBy(() -> ServerSettings.resolve(ServerSettings.flags("config", json.toString()), Map.of()))
                .hasMessageContaining("'port' takes one value");
    }

    @Test
    void beyondLoopbackATokenIsGeneratedOnceAndKeptInTheStateFolder() throws Exception {
        ServerSettings settings = ServerSettings.resolve(ServerSettings.flags("host", "0.0.0.0", "state-dir", folder.toString()), Map.of());
        StringWriter first = new StringWriter();
        WebConfig web = Server.webConfig(settings, new PrintWriter(first, true));
        assertThat(web.tokenRequired()).isTrue();
        assertThat(first.toString()).contains("Generated a token").contains(web.token());
        assertThat(Files.readString(folder.resolve("token")).trim()).isEqualTo(web.token());
        StringWriter second = new StringWriter();
        assertThat(Server.webConfig(settings, new PrintWriter(second, true)).token()).isEqualTo(web.token());
        assertThat(second.toString()).doesNotContain(web.token());

        ServerSettings local = ServerSettings.resolve(ServerSettings.flags("state-dir", folder.resolve("local").toString()), Map.of());
        assertThat(Server.webConfig(local, new PrintWriter(new StringWriter())).tokenRequired()).isFalse();
        ServerSettings worker = ServerSettings.resolve(ServerSettings.flags("mode", "worker", "host", "0.0.0.0",
                "state-dir", folder.resolve("worker").toString()), Map.of());
        assertThat(Server.webConfig(worker, new PrintWriter(new StringWriter())).servesApi()).isFalse();
        assertThat(Files.exists(folder.resolve("worker/token"))).isFalse();
    }

    @Test
    void theNodeConfigFollowsTheSettings() throws Exception {
        ServerSettings settings = ServerSettings.resolve(ServerSettings.flags("mode", "worker", "node", "w-1", "slots", "2",
                "gpus", "none", "heartbeat-seconds", "2"), Map.of());
        NodeConfig node = Server.nodeConfig(settings);
        assertThat(node.mode()).isEqualTo(NodeMode.WORKER);
        assertThat(node.nodeName()).isEqualTo("w-1");
        assertThat(node.slots()).isEqualTo(2);
        assertThat(node.useGpus()).isFalse();
        assertThat(node.heartbeat()).hasSeconds(2);
        assertThat(node.store()).isNull();
    }
}
