package org.taskneurons.cluster;

/**
 * Every event-bus address of Task Neurons. Messages are JSON objects with a {@code v}
 * (version) field; requests fail with a {@link io.vertx.core.eventbus.ReplyException} whose
 * code is HTTP-like (400 invalid, 404 unknown id, 409 conflict, 413 too large, 503 not ready)
 * and whose message is a JSON object {@code {"error": "...", "violations": [{"field", "message"}]}}.
 *
 * <p>Bridges deny everything not listed here: the SockJS bridge (dashboard) lets out
 * {@link #PROGRESS_PREFIX}* and {@link #EVENTS}; the TCP bridge (scripts) also lets in
 * {@link #API_PREFIX}*.
 */
public final class Addresses {
    /** The version of every message's JSON. */
    public static final int VERSION = 1;

    /** Requests from scripts and the dashboard; the coordinator answers them. */
    public static final String API_PREFIX = "tn.api.";
    public static final String API_SUBMIT = API_PREFIX + "submit";
    public static final String API_VALIDATE = API_PREFIX + "validate";
    public static final String API_EXPERIMENTS = API_PREFIX + "experiments";
    public static final String API_EXPERIMENT = API_PREFIX + "experiment";
    public static final String API_CANCEL = API_PREFIX + "cancel";
    public static final String API_DELETE = API_PREFIX + "delete";
    public static final String API_TASKS = API_PREFIX + "tasks";
    public static final String API_RESULTS = API_PREFIX + "results";
    public static final String API_REPORT = API_PREFIX + "report";
    public static final String API_PROGRESS = API_PREFIX + "progress";
    public static final String API_TRIALS = API_PREFIX + "trials";
    public static final String API_NODES = API_PREFIX + "nodes";

    /** Worker ↔ scheduler; never bridged. */
    public static final String SCHEDULER_PREFIX = "tn.scheduler.";
    public static final String SCHEDULER_LEASE = SCHEDULER_PREFIX + "lease";
    public static final String SCHEDULER_HEARTBEAT = SCHEDULER_PREFIX + "heartbeat";
    public static final String SCHEDULER_COMPLETE = SCHEDULER_PREFIX + "complete";
    public static final String SCHEDULER_FAIL = SCHEDULER_PREFIX + "fail";
    public static final String SCHEDULER_PROGRESS = SCHEDULER_PREFIX + "progress";
    public static final String SCHEDULER_ANNOUNCE = SCHEDULER_PREFIX + "announce";

    /** Published: progress points of one experiment's tasks. */
    public static final String PROGRESS_PREFIX = "tn.progress.";
    /** Published: task, experiment and node state changes. */
    public static final String EVENTS = "tn.events";
    /**
     * Published, internal (never bridged): tasks were queued. Free worker slots waiting to ask
     * again ask at once; the workers need nothing else from {@link #EVENTS}, so they do not
     * listen there and the per-task events stay on the coordinator's node.
     */
    public static final String WORK_QUEUED = "tn.workers.queued";

    private Addresses() {
    }

    public static String progress(String experimentId) {
        return PROGRESS_PREFIX + experimentId;
    }
}
