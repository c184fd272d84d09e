package org.taskneurons.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClusterBenchQuantileTest {

    /** 10 tasks up to 1 ms, 80 up to 2 ms, 10 up to 10 ms: cumulative 10, 90, 100. */
    private static final Map<Double, Double> HISTOGRAM = new TreeMap<>(Map.of(
            0.001, 10.0, 0.002, 90.0, 0.010, 100.0, Double.POSITIVE_INFINITY, 100.0));

    @Test
    void interpolatesInsideTheBucketLikePrometheus() {
        assertThat(ClusterBenchCommand.quantile(HISTOGRAM, 0.5)).isCloseTo(0.0015, within(1e-12));
        assertThat(ClusterBenchCommand.quantile(HISTOGRAM, 0.05)).isCloseTo(0.0005, within(1e-12));
        assertThat(ClusterBenchCommand.quantile(HISTOGRAM, 0.99)).isCloseTo(0.0092, within(1e-12));
    }

    @Test
    void countsThatWouldMeasureNothingAreRefusedBeforeAnyNodeStarts() {
        StringWriter err = new StringWriter();
        CommandLine command = Main.commandLine();
        command.setErr(new PrintWriter(err));
        int code = command.execute("bench", "cluster", "--runs", "0");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--runs must be at least 1, got 0");
    }

    @Test
    void anEmptyHistogramHasNoQuantile() {
        assertThat(ClusterBenchCommand.quantile(new TreeMap<>(Map.of(Double.POSITIVE_INFINITY, 0.0)), 0.5)).isNaN();
    }
}
