package org.taskneurons.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Trials per second of the batched benchmarks, per wall-clock second and per second of the
 * measuring thread's CPU time, and the entries {trials, trials_per_second, ratio,
 * trials_per_cpu_second, cpu_ratio} that scripts read.
 */
final class TrialRates {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long start = System.nanoTime();
    private final long cpu = THREADS.getCurrentThreadCpuTime();

    /** Starts both clocks on this thread. */
    TrialRates() {
    }

    /** {@code trials} per wall-clock second and per CPU second of this thread since construction. */
    double[] perSecond(int trials) {
        return new double[] {trials / ((System.nanoTime() - start) / 1e9),
                trials / ((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9)};
    }

    /** Adds the entry of {@code trials} per batch at {@code batched} per second, with its ratios to {@code single}. */
    static void add(ArrayNode list, int trials, double[] batched, double[] single) {
        ObjectNode entry = list.addObject();
        entry.put("trials", trials);
        entry.put("trials_per_second", batched[0]);
        entry.put("ratio", batched[0] / single[0]);
        entry.put("trials_per_cpu_second", batched[1]);
        entry.put("cpu_ratio", batched[1] / single[1]);
    }
}
