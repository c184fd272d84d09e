package org.taskneurons.cluster;

/**
 * The names of Task Neurons' own meters (Micrometer names; Prometheus shows them with dots
 * as underscores and units as suffixes). The Grafana dashboard queries exactly these. Tags
 * never carry experiment or task ids.
 */
public final class MetricNames {
    /** Gauge on the coordinator: queued tasks ready to run. */
    public static final String QUEUE_DEPTH = "tn.queue.depth";
    /** Gauge on the coordinator, tag {@code state} (lower case): tasks in the store by state. */
    public static final String TASKS = "tn.tasks";
    /** Timer on the coordinator, tags {@code type} (task kind) and {@code outcome} (done, failed): lease to record. */
    public static final String TASK_DURATION = "tn.task.duration";
    /** Gauge per worker node, tag {@code node}: worker verticles running. */
    public static final String WORKERS = "tn.workers";
    /** Gauge per worker node, tag {@code node}: task slots. */
    public static final String SLOTS = "tn.slots";
    /** Gauge per worker node, tag {@code node}: slots running a task. */
    public static final String SLOTS_BUSY = "tn.slots.busy";
    /** Gauge per worker node, tags {@code node} and {@code kind} (gpu, cpu): devices. */
    public static final String DEVICES = "tn.devices";
    /** Counter per worker node: formula evaluations of symbolic regression. */
    public static final String SR_EVALUATIONS = "tn.sr.evaluations";
    /** Counter per worker node: training steps (mini-batches). */
    public static final String TRAINING_STEPS = "tn.training.steps";
    /** Counter per worker node: leases its slots ran, each in one pass (one task, or a bundle of several). */
    public static final String BUNDLES = "tn.bundles";
    /** Counter per worker node: tasks those leases held (over {@link #BUNDLES}: the mean bundle size). */
    public static final String BUNDLE_TASKS = "tn.bundle.tasks";

    /** Tag names. */
    public static final String TAG_STATE = "state";
    public static final String TAG_TYPE = "type";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_NODE = "node";
    public static final String TAG_KIND = "kind";

    private MetricNames() {
    }
}
