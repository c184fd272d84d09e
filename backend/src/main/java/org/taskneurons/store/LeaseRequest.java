package org.taskneurons.store;

import java.time.Duration;

/**
 * A worker asking for one task.
 *
 * @param worker   the worker's id, unique in the cluster
 * @param hasGpu   whether it may take tasks that require a GPU (it takes those first)
 * @param duration how long the lease lasts without a heartbeat, in [1 ms, 1 h]
 */
public record LeaseRequest(String worker, boolean hasGpu, Duration duration) {

    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
    public static final int MAX_WORKER_LENGTH = 200;
    private static final Duration MAX_DURATION = Duration.ofHours(1);

    public LeaseRequest {
        Require.text("worker", worker, MAX_WORKER_LENGTH);
        Require.present("duration", duration);
        if (duration.toMillis() < 1 || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration out of range [1 ms, 1 h]: " + duration);
        }
    }

    /** A lease of {@link #DEFAULT_DURATION}. */
    public static LeaseRequest of(String worker, boolean hasGpu) {
        return new LeaseRequest(worker, hasGpu, DEFAULT_DURATION);
    }
}
