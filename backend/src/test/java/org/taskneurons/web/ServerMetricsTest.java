package org.taskneurons.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taskneurons.cluster.Addresses;
import org.taskneurons.cluster.MetricNames;

/** {@code /metrics} on a Vert.x instance built with {@link ServerMetrics}: the names Grafana queries, and no ids. */
class ServerMetricsTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)", Pattern.MULTILINE);

    @TempDir
    Path dataRoot;

    ServerMetrics metrics;
    Vertx vertx;
    WebServer server;
    WebClient client;

    @BeforeEach
    void start() {
        metrics = ServerMetrics.create();
        vertx = metrics.vertxBuilder(new VertxOptions()).build();
        server = WebServer.start(vertx, WebConfig.local(List.of(dataRoot)).withPorts(0, -1), metrics.registry()).await();
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close().await();
        vertx.close().await();
        metrics.close();
    }

    @Test
    void metricsShowJvmVertxAndTaskNeuronsMetersWithoutExperimentIds() {
        Gauge.builder(MetricNames.QUEUE_DEPTH, () -> 3).register(metrics.registry());
        List<MessageConsumer<Object>> consumers = new ArrayList<>();
        for (String id : List.of("3f2a9c1e-0000-4000-8000-000000000001", "3f2a9c1e-0000-4000-8000-000000000002")) {
            MessageConsumer<Object> consumer = vertx.eventBus().consumer(Addresses.progress(id), message -> { });
            consumer.completion().await();
            consumers.add(consumer);
            vertx.eventBus().publish(Addresses.progress(id), new JsonObject().put("x", 1));
        }
        MessageConsumer<Object> api = vertx.eventBus().consumer(Addresses.API_NODES, message -> message.reply(new JsonObject()));
        api.completion().await();
        assertThat(client.get(server.port(), "127.0.0.1", "/api/nodes").send().await().statusCode()).isEqualTo(200);

        HttpResponse<Buffer> response = client.get(server.port(), "127.0.0.1", "/metrics").send().await();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
        String text = response.bodyAsString();
        TreeSet<String> names = new TreeSet<>();
        Matcher sample = SAMPLE.matcher(text);
        while (sample.find()) {
            names.add(sample.group(1));
        }
        System.out.println("Prometheus names on /metrics: " + names);
        text.lines().filter(line -> line.startsWith("vertx_http_server_requests_total")).forEach(System.out::println);
        assertThat(names).contains("tn_queue_depth", "jvm_memory_used_bytes", "jvm_threads_live_threads", "process_cpu_usage",
                "jvm_gc_memory_allocated_bytes_total", "jvm_classes_loaded_classes", "system_cpu_count",
                "vertx_eventbus_handlers", "vertx_eventbus_published_total", "vertx_eventbus_processed_total",
                "vertx_http_server_requests_total", "vertx_http_server_response_time_seconds_count");
        assertThat(text).doesNotContain("3f2a9c1e").contains("address=\"tn.progress.*\"").contains("address=\"tn.api.nodes\"");
        assertThat(text).containsPattern("vertx_http_server_requests_total\\{[^}]*route=\"[^\"]*/nodes\"");
        assertThat(text).containsPattern("vertx_eventbus_handlers\\{address=\"tn.progress.\\*\"[^}]*\\} 2\\.0");
        consumers.forEach(consumer -> consumer.unregister().await());
        api.unregister().await();
    }

    @ParameterizedTest
    @CsvSource({
        "tn.progress.3f2a9c1e-0000-4000-8000-000000000001, tn.progress.*",
        "tn.api.submit, tn.api.submit",
        "tn.scheduler.lease, tn.scheduler.lease",
        "tn.events, tn.events",
        "__vertx.reply.17, other",
        "tn.scheduler.worker.node-7, other",
        "tn.api.3f2a9c1e, other"})
    void addressLabelsAreBounded(String address, String label) {
        assertThat(ServerMetrics.addressLabel(address)).isEqualTo(label);
    }
}
