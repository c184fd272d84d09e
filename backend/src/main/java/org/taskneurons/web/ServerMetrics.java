package org.taskneurons.web;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.taskneurons.cluster.Addresses;

/**
 * One node's Prometheus registry: JVM meters, Vert.x meters (event bus by address, HTTP server
 * by route) and whatever the node registers (the {@code tn_*} meters of
 * {@link org.taskneurons.cluster.MetricNames}); {@code /metrics} serves it.
 *
 * <p>The event-bus {@code address} label never carries an id: {@code tn.progress.<experimentId>}
 * becomes {@code tn.progress.*}, the fixed {@code tn.api.*}, {@code tn.scheduler.*} and
 * {@code tn.events} addresses stay, and every other address (reply addresses, anything with
 * digits) becomes {@code other}. HTTP meters carry the route pattern, never the path
 * ({@code route="/api/>/experiments/:id"}; {@code >} marks the mount point of the API router).
 *
 * <p>Prometheus names exposed (as printed by {@code ServerMetricsTest}), besides the {@code tn_*} meters:
 * <ul>
 *   <li>JVM: {@code jvm_memory_used_bytes}, {@code jvm_memory_committed_bytes}, {@code jvm_memory_max_bytes} (tags
 *       {@code area}, {@code id}), {@code jvm_gc_pause_seconds_count|sum|max} (after the first collection),
 *       {@code jvm_gc_memory_allocated_bytes_total}, {@code jvm_gc_live_data_size_bytes}, {@code jvm_threads_live_threads},
 *       {@code jvm_threads_daemon_threads}, {@code jvm_threads_states_threads} (tag {@code state}),
 *       {@code jvm_classes_loaded_classes}, {@code jvm_buffer_memory_used_bytes};</li>
 *   <li>process and system: {@code process_cpu_usage}, {@code process_uptime_seconds}, {@code process_start_time_seconds},
 *       {@code system_cpu_usage}, {@code system_cpu_count}, {@code system_load_average_1m};</li>
 *   <li>event bus (tag {@code address}): {@code vertx_eventbus_handlers}, {@code vertx_eventbus_pending} (and
 *       {@code side}), {@code vertx_eventbus_processed_total}, {@code vertx_eventbus_published_total},
 *       {@code vertx_eventbus_sent_total}, {@code vertx_eventbus_received_total}, {@code vertx_eventbus_delivered_total},
 *       {@code vertx_eventbus_discarded_total};</li>
 *   <li>HTTP server (tags {@code method}, {@code code}, {@code route}): {@code vertx_http_server_requests_total},
 *       {@code vertx_http_server_response_time_seconds_count|sum|max}, {@code vertx_http_server_active_requests},
 *       {@code vertx_http_server_active_connections}, {@code vertx_http_server_bytes_read_total},
 *       {@code vertx_http_server_bytes_written_total};</li>
 *   <li>pools (tags {@code pool_type}, {@code pool_name}): {@code vertx_pool_in_use}, {@code vertx_pool_queue_pending},
 *       {@code vertx_pool_usage_seconds_count|sum|max}.</li>
 * </ul>
 */
public final class ServerMetrics implements AutoCloseable {
    static final String OTHER_ADDRESS = "other";
    static final String PROGRESS_ADDRESS = Addresses.PROGRESS_PREFIX + "*";
    private static final Pattern FIXED_ADDRESS = Pattern.compile("tn\\.(api|scheduler)\\.[a-z_]+|" + Pattern.quote(Addresses.EVENTS));

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;

    private ServerMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gc) {
        this.registry = registry;
        this.gc = gc;
    }

    /** A new registry with the JVM meters bound and the address label collapsed. */
    public static ServerMetrics create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.replaceTagValues(Label.EB_ADDRESS.toString(), ServerMetrics::addressLabel));
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return new ServerMetrics(registry, gc);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** {@code options} with Vert.x metrics on, labelled by event-bus address and HTTP route. */
    public VertxOptions applyTo(VertxOptions options) {
        Set<Label> labels = EnumSet.copyOf(MicrometerMetricsOptions.DEFAULT_LABELS);
        labels.add(Label.EB_ADDRESS);
        labels.add(Label.HTTP_ROUTE);
        return new VertxOptions(options).setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setLabels(labels));
    }

    /** A Vert.x builder whose instance reports into this registry; add a cluster manager for a clustered one. */
    public VertxBuilder vertxBuilder(VertxOptions options) {
        return Vertx.builder().with(applyTo(options)).withMetrics(new MicrometerMetricsFactory(registry));
    }

    /** The address as a label value with bounded cardinality. */
    static String addressLabel(String address) {
        if (address.startsWith(Addresses.PROGRESS_PREFIX)) {
            return PROGRESS_ADDRESS;
        }
        return FIXED_ADDRESS.matcher(address).matches() ? address : OTHER_ADDRESS;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
