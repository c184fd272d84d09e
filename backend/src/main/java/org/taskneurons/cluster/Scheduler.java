package org.taskneurons.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.taskneurons.experiment.ResultJson;
import org.taskneurons.experiment.SearchTask;
import org.taskneurons.store.Attempt;
import org.taskneurons.store.AttemptResult;
import org.taskneurons.store.Completion;
import org.taskneurons.store.ExpiredLeases;
import org.taskneurons.store.FailureOutcome;
import org.taskneurons.store.LeaseRequest;
import org.taskneurons.store.ProgressPoint;
import org.taskneurons.store.Store;
import org.taskneurons.store.Task;
import org.taskneurons.store.TaskState;

/**
 * The scheduler's side of {@code tn.scheduler.*}: leases tasks to workers that ask (a bundle
 * of compatible trainings where the slot asks for more than one, see {@link Store#leaseAll}),
 * renews a slot's leases in one heartbeat, records results once and failures, stores and republishes progress, and keeps the
 * node registry. Everything it knows lives in the store, so a restarted scheduler carries on
 * where the last one stopped; a periodic sweep takes back the leases of silent workers. A
 * heartbeat renews the lease of the attempt it names as long as that attempt is still running,
 * even past its expiry, so a worker that kept running through a coordinator outage keeps its
 * task when it is heard from before the first sweep.
 * Confined to the coordinator's context.
 */
final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final int FORMULAS_KEPT = 1024;
    private static final int SPECS_KEPT = 64;

    private final Vertx vertx;
    private final NodeConfig config;
    private final Store store;
    private final Events events;
    private final NodeRegistry nodes;
    private final CoordinatorMeters meters;
    /**
     * Lease transactions one at a time, each serving every ask that waited. Run concurrently,
     * they all wait on the lock of the same oldest queued task.
     */
    private final GroupCommit<Ask, List<Task>> leases;
    /** Completion transactions one at a time, each recording every result that waited. */
    private final GroupCommit<Report, Completion> completions;
    /** When this scheduler granted each running task's lease, for the duration metric. */
    private final Map<String, Granted> granted = new HashMap<>();
    /** Discovered formulas by discovery task id, the most recently used {@value #FORMULAS_KEPT}. */
    private final Map<String, Optional<String>> formulas = recent(FORMULAS_KEPT);
    /**
     * The specs of the experiments whose tasks were leased last, the most recently used
     * {@value #SPECS_KEPT}: read once per experiment (a stored spec never changes), while
     * the first read is still under way too.
     */
    private final Map<String, Future<TaskSpecs>> specs = recent(SPECS_KEPT);
    /** The search tasks this scheduler announced, by experiment. */
    private final Map<String, Set<String>> announced = new HashMap<>();
    private boolean sweeping;

    Scheduler(Vertx vertx, NodeConfig config, Store store, Events events, NodeRegistry nodes, CoordinatorMeters meters) {
        this.vertx = vertx;
        this.config = config;
        this.store = store;
        this.events = events;
        this.nodes = nodes;
        this.meters = meters;
        this.leases = new GroupCommit<>(Store.MAX_BATCH,
                batch -> store.leaseAll(batch.stream().map(Ask::request).toList()),
                (ask, leased) -> answer(ask.message(), leased), (ask, e) -> refuse(ask.message(), "no lease: ", e));
        this.completions = new GroupCommit<>(Store.MAX_BATCH,
                batch -> store.completeAll(batch.stream().map(Report::result).toList()),
                (report, completion) -> completed(report.message(), completion),
                (report, e) -> refuse(report.message(), "result not recorded: ", e));
    }

    /** The consumers of every scheduler address. */
    List<MessageConsumer<?>> register(EventBus bus) {
        return List.of(
                bus.<LeaseAsk>consumer(Addresses.SCHEDULER_LEASE, this::lease),
                bus.<HeartbeatAsk>consumer(Addresses.SCHEDULER_HEARTBEAT, this::heartbeat),
                bus.<TaskCompletion>consumer(Addresses.SCHEDULER_COMPLETE, this::complete),
                bus.<TaskFailure>consumer(Addresses.SCHEDULER_FAIL, this::fail),
                bus.<ProgressReport>consumer(Addresses.SCHEDULER_PROGRESS, this::progress),
                bus.<NodeAnnouncement>consumer(Addresses.SCHEDULER_ANNOUNCE, this::announce));
    }

    /** How often expired leases are taken back: a quarter of the lease, between 50 ms and 5 s. */
    Duration sweepInterval() {
        long quarter = config.lease().toMillis() / 4;
        return Duration.ofMillis(Math.max(50, Math.min(5000, quarter)));
    }

    /** Takes back expired leases (one sweep at a time) and publishes what became of their tasks. */
    void sweep() {
        if (sweeping) {
            return;
        }
        sweeping = true;
        store.requeueExpired(config.store().clock().instant())
                .onSuccess(this::publishExpired)
                .onFailure(e -> LOG.warn("taking back expired leases failed: {}", e.toString()))
                .onComplete(done -> sweeping = false);
    }

    private void publishExpired(ExpiredLeases expired) {
        expired.requeued().forEach(granted::remove);
        expired.failed().forEach(granted::remove);
        expired.requeued().forEach(id -> publishTask(id, null));
        expired.failed().forEach(id -> publishTask(id, null));
    }

    private void publishTask(String taskId, String worker) {
        store.task(taskId).onSuccess(task -> events.task(task.experimentId(), task.id(), task.key(), task.state(),
                worker != null ? worker : task.leaseOwner().orElse(null), task.error().orElse(null)));
    }

    private void lease(Message<LeaseAsk> message) {
        LeaseAsk ask = message.body();
        try {
            leases.add(new Ask(message, new LeaseRequest(ask.worker(), ask.hasGpu(), config.lease(), ask.bundleSize())));
        } catch (IllegalArgumentException wrong) {
            refuse(message, "no lease: ", wrong);
        }
    }

    private void answer(Message<LeaseAsk> message, List<Task> bundle) {
        Future.all(bundle.stream().map(this::grant).toList()).onSuccess(granted -> {
            List<LeasedTask> tasks = granted.list();
            message.reply(new LeaseGrant(tasks, config.lease().toMillis()));
            long now = System.nanoTime();
            for (LeasedTask task : tasks) {
                this.granted.put(task.taskId(), new Granted(task.attempt(), now));
                events.task(task.experimentId(), task.taskId(), task.key(), TaskState.RUNNING, message.body().worker(), null);
            }
        }).onFailure(e -> refuse(message, "no lease: ", e));
    }

    /**
     * The lease for a task: its input with the experiment's spec narrowed to it, and its data
     * set's discovered formula when it builds on one.
     */
    private Future<LeasedTask> grant(Task task) {
        Future<Optional<String>> formula = task.dependsOn().isEmpty()
                ? Future.succeededFuture(Optional.empty())
                : formula(task.dependsOn().get(0));
        Future<String> input = TaskKind.NOOP.is(task.kind())
                ? Future.succeededFuture(task.inputJson())
                : specs(task.experimentId()).map(parts -> parts.workerInput(task.inputJson()));
        return Future.all(formula, input).map(both -> new LeasedTask(task.id(), task.experimentId(), task.key(),
                task.kind(), task.attempt(), input.result(), formula.result().orElse(null)));
    }

    private Future<TaskSpecs> specs(String experimentId) {
        Future<TaskSpecs> known = specs.get(experimentId);
        if (known != null) {
            return known;
        }
        Future<TaskSpecs> read = store.experiment(experimentId)
                .map(summary -> TaskSpecs.of(summary.experiment().specJson()));
        specs.put(experimentId, read);
        return read.onFailure(e -> specs.remove(experimentId, read));
    }

    /**
     * The formula a discovery task recorded, from the store the first time and remembered
     * after (a recorded result never changes), so the trainings of a data set do not each
     * read it again.
     */
    private Future<Optional<String>> formula(String discoveryTaskId) {
        Optional<String> known = formulas.get(discoveryTaskId);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        return store.result(discoveryTaskId).map(result -> {
            Optional<String> text = result.map(recorded -> new JsonObject(recorded.resultJson()).getString("formula"));
            if (result.isPresent()) {
                formulas.put(discoveryTaskId, text);
            }
            return text;
        });
    }

    /** The tasks a recorded result queued (trainings waiting for their data set's formula). */
    private void publishReleased(AttemptHeader done) {
        if (!TaskKind.DISCOVER.is(done.kind())) {
            return;
        }
        StoredTasks.all(store, done.experimentId()).onSuccess(tasks -> tasks.values().stream()
                .filter(task -> task.state() == TaskState.QUEUED && task.dependsOn().contains(done.taskId()))
                .forEach(task -> events.task(task.experimentId(), task.id(), task.key(), TaskState.QUEUED, null, null)));
    }

    /** Renews every lease of a slot's bundle in one store transaction. */
    private void heartbeat(Message<HeartbeatAsk> message) {
        HeartbeatAsk ask = message.body();
        store.heartbeatAll(ask.worker(), ask.attempts())
                .onSuccess(states -> {
                    for (int i = 0; i < states.size(); i++) {
                        if (!states.get(i).isHeld()) {
                            // A cancelled or lost attempt ends without a result or a failure.
                            Attempt held = ask.attempts().get(i);
                            granted.computeIfPresent(held.taskId(),
                                    (id, lease) -> lease.attempt() == held.attempt() ? null : lease);
                        }
                    }
                    message.reply(new HeartbeatReply(states));
                })
                .onFailure(e -> refuse(message, "no heartbeat: ", e));
    }

    private void complete(Message<TaskCompletion> message) {
        AttemptHeader done = message.body().header();
        try {
            completions.add(new Report(message, new AttemptResult(done.taskId(), done.worker(), done.attempt(),
                    message.body().resultJson())));
        } catch (IllegalArgumentException wrong) {
            refuse(message, "result not recorded: ", wrong);
        }
    }

    private void completed(Message<TaskCompletion> message, Completion completion) {
        AttemptHeader done = message.body().header();
        if (completion == Completion.REJECTED) {
            refuse(message, "result not recorded: ", new IllegalArgumentException("attempt " + done.attempt()
                    + " of task '" + done.taskId() + "' was never leased"));
            return;
        }
        message.reply(new Acknowledgement(completion.name()));
        Duration took = sinceLease(done);
        if (completion == Completion.RECORDED) {
            meters.duration(done.kind(), "done", took);
            events.task(done.experimentId(), done.taskId(), done.key(), TaskState.DONE, done.worker(), null);
            publishReleased(done);
            if (TaskKind.SEARCH.is(done.kind())) {
                publishSearch(done, message.body().resultJson());
            }
        }
    }

    /**
     * A search task's result and what it grew: the trial's event, then an event for each task
     * the search added that this scheduler has not announced (promotions name the trial task
     * they continue from). Best effort, as every event: a restarted scheduler announces again
     * the promotions it finds.
     */
    private void publishSearch(AttemptHeader done, String resultJson) {
        ResultJson.trial(resultJson).ifPresent(trial -> events.search(done.experimentId(), new JsonObject()
                .put("type", "trial").put("key", done.key()).put("trial", trial.trial()).put("epochs", trial.epochs())
                .put("metric", trial.metric()).put("value", trial.value())));
        Set<String> known = announced.computeIfAbsent(done.experimentId(), id -> new HashSet<>());
        StoredTasks.all(store, done.experimentId()).onSuccess(tasks -> tasks.values().stream()
                .filter(task -> TaskKind.SEARCH.is(task.kind()) && known.add(task.key()))
                .forEach(task -> {
                    SearchTask grown = ResultJson.searchTask(new JsonObject(task.inputJson()).getJsonObject("task").encode());
                    if (grown.resumeFrom() != null) {
                        events.search(task.experimentId(), new JsonObject().put("type", "promotion").put("key", task.key())
                                .put("from", grown.resumeFrom()));
                    } else if (!grown.runsTrial()) {
                        events.search(task.experimentId(), new JsonObject().put("type", "best").put("key", task.key()));
                    }
                    if (task.state() == TaskState.QUEUED) {
                        events.task(task.experimentId(), task.id(), task.key(), TaskState.QUEUED, null, null);
                    }
                }));
    }

    private void fail(Message<TaskFailure> message) {
        AttemptHeader failed = message.body().header();
        String error = message.body().error();
        store.fail(failed.taskId(), failed.worker(), failed.attempt(), error)
                .recover(gone(FailureOutcome.IGNORED))
                .onSuccess(outcome -> {
                    message.reply(new Acknowledgement(outcome.name()));
                    Duration took = sinceLease(failed);
                    if (outcome == FailureOutcome.IGNORED) {
                        return;
                    }
                    if (outcome == FailureOutcome.FAILED) {
                        meters.duration(failed.kind(), "failed", took);
                    }
                    events.task(failed.experimentId(), failed.taskId(), failed.key(),
                            outcome == FailureOutcome.FAILED ? TaskState.FAILED : TaskState.QUEUED, failed.worker(), error);
                })
                .onFailure(e -> refuse(message, "failure not recorded: ", e));
    }

    /**
     * The time from this scheduler's grant of the attempt's lease to now; the worker's own
     * run time when the lease was granted before a restart (or the attempt is not the one
     * granted).
     */
    private Duration sinceLease(AttemptHeader reported) {
        Granted lease = granted.get(reported.taskId());
        if (lease == null || lease.attempt() != reported.attempt()) {
            return Duration.ofMillis(reported.elapsedMs());
        }
        granted.remove(reported.taskId());
        return Duration.ofNanos(System.nanoTime() - lease.nanos());
    }

    /** A map that keeps the {@code capacity} most recently used entries. */
    private static <K, V> Map<K, V> recent(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** An ask waiting for a lease transaction. */
    private record Ask(Message<LeaseAsk> message, LeaseRequest request) {
    }

    /** A result waiting for a completion transaction. */
    private record Report(Message<TaskCompletion> message, AttemptResult result) {
    }

    /** A lease this scheduler granted: the attempt and when. */
    private record Granted(int attempt, long nanos) {
    }

    /** Stored (summarized by the store) and republished as it comes: workers already bound the rate. */
    private void progress(Message<ProgressReport> message) {
        ProgressReport report = message.body();
        store.appendProgress(new ProgressPoint(report.taskId(), report.series(), report.x(), report.y()))
                .onFailure(e -> LOG.debug("progress of task {} not stored: {}", report.taskId(), e.toString()));
        vertx.eventBus().publish(Addresses.progress(report.experimentId()), report.toEvent());
    }

    private void announce(Message<NodeAnnouncement> message) {
        if (nodes.seen(message.body(), Instant.now())) {
            events.node(message.body());
        }
    }

    /**
     * Fails the request: 400 when the message itself is wrong (the worker should not send it
     * again), 503 when the store failed (the worker retries).
     */
    private static void refuse(Message<?> message, String what, Throwable e) {
        int code = e instanceof IllegalArgumentException ? 400 : 503;
        if (code == 503) {
            LOG.warn("{} failed: {}", message.address(), e.toString());
        }
        message.fail(code, ApiJson.error(what + e.getMessage(), List.of()));
    }

    /** A deleted task (or experiment) answers as if the worker had lost it. */
    private static <T> Function<Throwable, Future<T>> gone(T answer) {
        return e -> e instanceof NoSuchElementException ? Future.succeededFuture(answer) : Future.failedFuture(e);
    }
}
