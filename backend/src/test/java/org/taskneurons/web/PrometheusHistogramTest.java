package org.taskneurons.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.taskneurons.cluster.MetricNames;

class PrometheusHistogramTest {
    private static final String NAME = "tn_task_duration_seconds";
    private static final Map<String, String> NOOP_DONE = Map.of("type", "noop", "outcome", "done");

    /** 10 tasks up to 1 ms, 80 up to 2 ms, 10 up to 10 ms: cumulative 10, 90, 100. */
    private static final String WRITTEN = """
            # HELP tn_task_duration_seconds Task run time, lease to recorded outcome
            # TYPE tn_task_duration_seconds histogram
            tn_task_duration_seconds_bucket{outcome="done",type="noop",le="0.001"} 10
            tn_task_duration_seconds_bucket{outcome="done",type="noop",le="0.002"} 90
            tn_task_duration_seconds_bucket{outcome="done",type="noop",le="0.01"} 100
            tn_task_duration_seconds_bucket{outcome="done",type="noop",le="+Inf"} 100
            tn_task_duration_seconds_count{outcome="done",type="noop"} 100
            tn_task_duration_seconds_bucket{outcome="failed",type="noop",le="+Inf"} 7
            """;

    @Test
    void interpolatesInsideTheBucketLikePrometheus() {
        PrometheusHistogram histogram = PrometheusHistogram.read(WRITTEN, NAME, NOOP_DONE);
        assertThat(histogram.quantile(0.5)).isCloseTo(0.0015, within(1e-12));
        assertThat(histogram.quantile(0.05)).isCloseTo(0.0005, within(1e-12));
        assertThat(histogram.quantile(0.99)).isCloseTo(0.0092, within(1e-12));
    }

    @Test
    void anEmptyOrAbsentHistogramHasNoQuantile() {
        String empty = "tn_task_duration_seconds_bucket{outcome=\"done\",type=\"noop\",le=\"+Inf\"} 0\n";
        assertThat(PrometheusHistogram.read(empty, NAME, NOOP_DONE).quantile(0.5)).isNaN();
        assertThat(PrometheusHistogram.read(WRITTEN, "tn_other_seconds", Map.of()).quantile(0.5)).isNaN();
    }

    /** What a node's registry serves: Micrometer's buckets, other series beside it, escaped label values. */
    @Test
    void readsTheHistogramARegistryServesAndWhatWasAddedSince() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Timer done = timer(registry, "noop", "done");
        Timer failed = timer(registry, "noop", "failed");
        Timer quoted = timer(registry, "a \"quoted\", {odd} \\ kind", "done");
        for (int i = 0; i < 40; i++) {
            done.record(Duration.ofMillis(3));
        }
        for (int i = 0; i < 60; i++) {
            done.record(Duration.ofMillis(20));
            failed.record(Duration.ofSeconds(5));
        }
        quoted.record(Duration.ofSeconds(2));
        PrometheusHistogram first = PrometheusHistogram.read(registry.scrape(), NAME, NOOP_DONE);
        assertThat(first.quantile(0.2)).isBetween(0.002, 0.0035);
        assertThat(first.quantile(0.9)).isBetween(0.015, 0.025);
        assertThat(PrometheusHistogram.read(registry.scrape(), NAME, Map.of("type", "a \"quoted\", {odd} \\ kind"))
                .quantile(0.5)).isBetween(1.5, 2.5);

        for (int i = 0; i < 100; i++) {
            done.record(Duration.ofMillis(300));
        }
        PrometheusHistogram since = PrometheusHistogram.read(registry.scrape(), NAME, NOOP_DONE).since(first);
        assertThat(since.quantile(0.1)).isBetween(0.2, 0.35);
        assertThat(since.quantile(0.9)).isBetween(0.2, 0.35);
        registry.close();
    }

    @Test
    void aBucketWithoutABoundOrANumberIsNamedByItsLine() {
        assertThatThrownBy(() -> PrometheusHistogram.read("# TYPE x histogram\n" + NAME + "_bucket{type=\"noop\"} 3\n",
                NAME, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 2: bucket of tn_task_duration_seconds without 'le'");
        assertThatThrownBy(() -> PrometheusHistogram.read(NAME + "_bucket{le=\"0.1\"} many\n", NAME, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("line 1: not a number: 'many'");
        assertThatThrownBy(() -> PrometheusHistogram.read(NAME + "_bucket{le=0.1} 3\n", NAME, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("line 1: unreadable labels at 'le=0.1'");
    }

    private static Timer timer(PrometheusMeterRegistry registry, String type, String outcome) {
        return Timer.builder(MetricNames.TASK_DURATION).tags(MetricNames.TAG_TYPE, type, MetricNames.TAG_OUTCOME, outcome)
                .publishPercentileHistogram().register(registry);
    }
}
