package org.taskneurons.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.taskneurons.store.LeaseRequest;
import org.taskneurons.store.StoreConfig;

/**
 * What one node runs and how.
 *
 * @param mode             standalone, coordinator or worker
 * @param nodeName         unique in the cluster: letters, digits, {@code .-_}, at most
 *                         {@value #MAX_NAME_LENGTH} characters; shown on the dashboard and as the
 *                         {@code node} tag of metrics
 * @param dataRoots        the folders a spec's data files must lie in
 * @param store            where the scheduler keeps its state; required unless a worker, for
 *                         which it is ignored
 * @param slots            CPU task slots on this node, in [0, {@value #MAX_SLOTS}]; 0: none
 * @param useGpus          one extra slot per GPU that DJL finds
 * @param lease            how long a task stays leased without a heartbeat, in [100 ms, 1 h];
 *                         default 30 s (a worker that dies loses its tasks within it)
 * @param heartbeat        how often a worker renews a lease; positive and shorter than the lease;
 *                         default 10 s
 * @param maxAttempts      how many times a task is leased before it counts as FAILED, in [1, 100]; default 3
 * @param progressInterval least time between two progress messages of one task, in [0, 1 min];
 *                         default 250 ms (the last point is always sent)
 * @param bundleSize       the most compatible training tasks a slot leases at once and trains in
 *                         one batched pass, in [1, {@value LeaseRequest#MAX_BUNDLE_SIZE}]; 1: one task
 *                         at a time; null: {@value #CPU_BUNDLE_SIZE} on a CPU slot and
 *                         {@value #GPU_BUNDLE_SIZE} on a GPU slot
 */
public record NodeConfig(NodeMode mode, String nodeName, List<Path> dataRoots, StoreConfig store, int slots,
        boolean useGpus, Duration lease, Duration heartbeat, int maxAttempts, Duration progressInterval,
        Integer bundleSize) {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_SLOTS = 1024;
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofMillis(250);
    /**
     * A CPU slot's bundle, as {@code run}'s: on one core the fused path's trials per CPU second
     * grow up to about 32 side by side (1.7 to 2 times one at a time) and little beyond
     * ({@code bench train --part batched}, README).
     */
    public static final int CPU_BUNDLE_SIZE = 32;
    /**
     * A GPU slot's bundle: networks this small need hundreds of trials side by side to keep a
     * device busy (DJL's batched path still gains from 32 to 128 trials on the CPU).
     */
    public static final int GPU_BUNDLE_SIZE = 256;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Duration MIN_LEASE = Duration.ofMillis(100);
    private static final Duration MAX_LEASE = Duration.ofHours(1);
    private static final Duration MAX_PROGRESS_INTERVAL = Duration.ofMinutes(1);

    public NodeConfig {
        Objects.requireNonNull(mode, "mode must be given");
        if (nodeName == null || nodeName.length() > MAX_NAME_LENGTH || !NAME.matcher(nodeName).matches()) {
            throw new IllegalArgumentException("nodeName must be 1 to " + MAX_NAME_LENGTH
                    + " letters, digits, '.', '-' or '_': '" + nodeName + "'");
        }
        dataRoots = List.copyOf(Objects.requireNonNull(dataRoots, "dataRoots must be given (may be empty)"));
        if (mode.isScheduler() && store == null) {
            throw new IllegalArgumentException("store must be given for a " + mode.name().toLowerCase() + " node");
        }
        if (slots < 0 || slots > MAX_SLOTS) {
            throw new IllegalArgumentException("slots out of range [0, " + MAX_SLOTS + "]: " + slots);
        }
        Objects.requireNonNull(lease, "lease must be given");
        if (lease.compareTo(MIN_LEASE) < 0 || lease.compareTo(MAX_LEASE) > 0) {
            throw new IllegalArgumentException("lease out of range [100 ms, 1 h]: " + lease);
        }
        Objects.requireNonNull(heartbeat, "heartbeat must be given");
        if (heartbeat.isNegative() || heartbeat.isZero() || heartbeat.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("heartbeat must be positive and shorter than the lease (" + lease + "): "
                    + heartbeat);
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts out of range [1, 100]: " + maxAttempts);
        }
        Objects.requireNonNull(progressInterval, "progressInterval must be given");
        if (progressInterval.isNegative() || progressInterval.compareTo(MAX_PROGRESS_INTERVAL) > 0) {
            throw new IllegalArgumentException("progressInterval out of range [0, 1 min]: " + progressInterval);
        }
        if (bundleSize != null && (bundleSize < 1 || bundleSize > LeaseRequest.MAX_BUNDLE_SIZE)) {
            throw new IllegalArgumentException("bundleSize out of range [1, " + LeaseRequest.MAX_BUNDLE_SIZE + "]: "
                    + bundleSize);
        }
    }

    /**
     * Everything in one process: the scheduler and API on {@code store}, and one CPU slot per
     * core (the engine runs each training on one thread, so cores are the parallelism that
     * pays) plus one per GPU.
     */
    public static NodeConfig standalone(StoreConfig store, List<Path> dataRoots) {
        return new NodeConfig(NodeMode.STANDALONE, "standalone", dataRoots, store, defaultSlots(), true, DEFAULT_LEASE,
                DEFAULT_HEARTBEAT, DEFAULT_MAX_ATTEMPTS, DEFAULT_PROGRESS_INTERVAL, null);
    }

    /** The scheduler and API of a cluster, running no tasks itself. */
    public static NodeConfig coordinator(String nodeName, StoreConfig store, List<Path> dataRoots) {
        return new NodeConfig(NodeMode.COORDINATOR, nodeName, dataRoots, store, 0, false, DEFAULT_LEASE,
                DEFAULT_HEARTBEAT, DEFAULT_MAX_ATTEMPTS, DEFAULT_PROGRESS_INTERVAL, null);
    }

    /** A worker node with one CPU slot per core plus one per GPU. */
    public static NodeConfig worker(String nodeName, List<Path> dataRoots) {
        return new NodeConfig(NodeMode.WORKER, nodeName, dataRoots, null, defaultSlots(), true, DEFAULT_LEASE,
                DEFAULT_HEARTBEAT, DEFAULT_MAX_ATTEMPTS, DEFAULT_PROGRESS_INTERVAL, null);
    }

    /** One slot per available core. */
    public static int defaultSlots() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** The bundle size of a GPU or CPU slot: the one configured, else that device's default. */
    public int bundleSizeOn(boolean gpuSlot) {
        if (bundleSize != null) {
            return bundleSize;
        }
        return gpuSlot ? GPU_BUNDLE_SIZE : CPU_BUNDLE_SIZE;
    }

    /** Whether this node runs worker slots (GPU slots are known only once DJL has looked). */
    public boolean hasWorkers() {
        return slots > 0 || useGpus;
    }

    public NodeConfig withNodeName(String value) {
        return new NodeConfig(mode, value, dataRoots, store, slots, useGpus, lease, heartbeat, maxAttempts,
                progressInterval, bundleSize);
    }

    public NodeConfig withStore(StoreConfig value) {
        return new NodeConfig(mode, nodeName, dataRoots, value, slots, useGpus, lease, heartbeat, maxAttempts,
                progressInterval, bundleSize);
    }

    public NodeConfig withSlots(int value) {
        return new NodeConfig(mode, nodeName, dataRoots, store, value, useGpus, lease, heartbeat, maxAttempts,
                progressInterval, bundleSize);
    }

    public NodeConfig withUseGpus(boolean value) {
        return new NodeConfig(mode, nodeName, dataRoots, store, slots, value, lease, heartbeat, maxAttempts,
                progressInterval, bundleSize);
    }

    /** A new lease; the heartbeat shrinks to a third of it where it would not fit. */
    public NodeConfig withLease(Duration value) {
        Duration beat = value != null && heartbeat.compareTo(value) >= 0 ? value.dividedBy(3) : heartbeat;
        return new NodeConfig(mode, nodeName, dataRoots, store, slots, useGpus, value, beat, maxAttempts,
                progressInterval, bundleSize);
    }

    public NodeConfig withHeartbeat(Duration value) {
        return new NodeConfig(mode, nodeName, dataRoots, store, slots, useGpus, lease, value, maxAttempts,
                progressInterval, bundleSize);
    }

    public NodeConfig withMaxAttempts(int value) {
        return new NodeConfig(mode, nodeName, dataRoots, store, slots, useGpus, lease, heartbeat, value,
                progressInterval, bundleSize);
    }

    public NodeConfig withProgressInterval(Duration value) {
        return new NodeConfig(mode, nodeName, dataRoots, store, slots, useGpus, lease, heartbeat, maxAttempts, value,
                bundleSize);
    }

    /** A bundle size for every slot; null for each device's default. */
    public NodeConfig withBundleSize(Integer value) {
        return new NodeConfig(mode, nodeName, dataRoots, store, slots, useGpus, lease, heartbeat, maxAttempts,
                progressInterval, value);
    }
}
