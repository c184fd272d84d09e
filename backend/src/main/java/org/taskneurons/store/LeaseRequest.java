package org.taskneurons.store;

import java.time.Duration;

/**
 * A worker asking for a task, or for a bundle of compatible tasks.
 *
 * @param worker     the worker's id, unique in the cluster
 * @param hasGpu     whether it may take tasks that require a GPU (it takes those first)
 * @param duration   how long the lease lasts without a heartbeat, in [1 ms, 1 h]
 * @param bundleSize the most tasks it takes at once, in [1, {@value #MAX_BUNDLE_SIZE}]: the
 *                   oldest queued task it may run, and up to {@code bundleSize - 1} more of the
 *                   same experiment and bundle key ({@link TaskDraft#bundleKey()})
 */
public record LeaseRequest(String worker, boolean hasGpu, Duration duration, int bundleSize) {

    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
    public static final int MAX_WORKER_LENGTH = 200;
    public static final int MAX_BUNDLE_SIZE = 1024;
    private static final Duration MAX_DURATION = Duration.ofHours(1);

    public LeaseRequest {
        Require.text("worker", worker, MAX_WORKER_LENGTH);
        Require.present("duration", duration);
        if (duration.toMillis() < 1 || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration out of range [1 ms, 1 h]: " + duration);
        }
        Require.range("bundleSize", bundleSize, 1, MAX_BUNDLE_SIZE);
    }

    /** A lease of one task for {@code duration}. */
    public LeaseRequest(String worker, boolean hasGpu, Duration duration) {
        this(worker, hasGpu, duration, 1);
    }

    /** A lease of one task for {@link #DEFAULT_DURATION}. */
    public static LeaseRequest of(String worker, boolean hasGpu) {
        return new LeaseRequest(worker, hasGpu, DEFAULT_DURATION);
    }

    public LeaseRequest withBundleSize(int value) {
        return new LeaseRequest(worker, hasGpu, duration, value);
    }
}
