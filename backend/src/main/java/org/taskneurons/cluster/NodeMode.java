package org.taskneurons.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a node runs: {@link #STANDALONE} is the scheduler, the API and workers in one
 * process on a local (non-clustered) Vert.x; {@link #COORDINATOR} the scheduler and the API
 * of a cluster (with workers too when it has slots); {@link #WORKER} workers only, asking a
 * coordinator for tasks over the clustered event bus.
 */
public enum NodeMode {
    STANDALONE,
    COORDINATOR,
    WORKER;

    /** Whether this node schedules tasks and answers the API (and so needs a store). */
    public boolean isScheduler() {
        return this != WORKER;
    }

    /** The name used by {@code serve --mode} and shown to users: {@code standalone}, {@code coordinator}, {@code worker}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of a label, in any case. */
    public static NodeMode of(String label) {
        return Arrays.stream(values())
                .filter(mode -> mode.label().equalsIgnoreCase(label.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + label + "' is not one of "
                        + Arrays.stream(values()).map(NodeMode::label).collect(Collectors.joining(", "))));
    }
}
