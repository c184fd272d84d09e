package org.taskneurons.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.taskneurons.cluster.TaskRunner.Ended;
import org.taskneurons.nn.ComputeDevice;
import org.taskneurons.store.Attempt;
import org.taskneurons.store.Heartbeat;

/**
 * A node's worker: one slot per CPU slot of the configuration plus one per GPU, each asking
 * the scheduler for work whenever it is free: one task, or a bundle of up to
 * {@link NodeConfig#bundleSizeOn} compatible trainings that it trains as one batched pass.
 * A GPU slot trains on its own GPU, a CPU slot on the CPU. Tasks run on an executor of engine
 * threads that this worker owns, never on the event loop; the leases of a slot's tasks are
 * renewed by one heartbeat message while they run, and a LOST or CANCELLED answer stops that
 * task at its next cancellation check (the rest of its bundle goes on).
 *
 * <p>A free slot that finds nothing queued asks again after a back-off (50 ms doubling to
 * 1 s), or at once when {@link Addresses#WORK_QUEUED} says tasks were queued. Results and failures
 * are sent until the scheduler acknowledges them (the store records a result once); an
 * unreachable scheduler is retried the same way.
 */
final class WorkerVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerVerticle.class);
    private static final long MIN_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 1000;
    private static final long MAX_RETRY_MS = 5000;
    private static final long REQUEST_TIMEOUT_MS = 10_000;
    private static final long ANNOUNCE_MS = 2000;
    private static final long MIN_HEARTBEAT_MS = 10;
    /** How long stopping waits for running tasks to reach their next cancellation check. */
    private static final long STOP_WAIT_MS = 30_000;

    private final NodeConfig config;
    private final MeterRegistry registry;
    private final String workerId;
    private final List<Slot> slots = new ArrayList<>();
    private List<NodeAnnouncement.DeviceInfo> devices = List.of();
    private WorkerMeters meters;
    private WorkerExecutor engine;
    private TaskRunner runner;
    private EventBus bus;
    private long announceTimer = -1;
    private boolean stopping;

    WorkerVerticle(NodeConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.workerId = config.nodeName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public Future<?> start() {
        bus = vertx.eventBus();
        return vertx.executeBlocking(() -> detectGpus(config.useGpus()))
                .map(gpus -> {
                    createSlots(gpus);
                    return null;
                })
                .compose(created -> bus.<JsonObject>consumer(Addresses.WORK_QUEUED, queued -> slots.forEach(Slot::wake))
                        .completion())
                .onSuccess(listening -> {
                    announceTimer = vertx.setPeriodic(1, ANNOUNCE_MS, id -> announce());
                    slots.forEach(Slot::ask);
                });
    }

    /**
     * Cancels the running tasks and waits (at most {@link #STOP_WAIT_MS}) until their engine
     * threads have returned before the executor closes: a thread still running when Vert.x
     * shuts its event loops down could not hand its outcome back. Their leases expire and the
     * tasks run again elsewhere.
     */
    @Override
    public Future<?> stop() {
        stopping = true;
        vertx.cancelTimer(announceTimer);
        List<Future<?>> ending = slots.stream().map(Slot::stop).toList();
        return Future.join(ending)
                .timeout(STOP_WAIT_MS, TimeUnit.MILLISECONDS)
                .transform(waited -> {
                    if (waited.failed()) {
                        LOG.warn("stopping without waiting longer for running tasks: {}", waited.cause().toString());
                    }
                    meters.close();
                    return engine.close();
                });
    }

    private void createSlots(List<NodeAnnouncement.DeviceInfo> gpus) {
        Map<String, Integer> deviceCounts = new LinkedHashMap<>();
        deviceCounts.put("cpu", 1);
        deviceCounts.put("gpu", gpus.size());
        List<NodeAnnouncement.DeviceInfo> found = new ArrayList<>(gpus);
        int cores = Runtime.getRuntime().availableProcessors();
        found.add(new NodeAnnouncement.DeviceInfo("cpu", System.getProperty("os.arch") + " (" + cores + " cores)",
                Runtime.getRuntime().maxMemory()));
        devices = List.copyOf(found);
        for (int i = 0; i < gpus.size(); i++) {
            slots.add(new Slot(ComputeDevice.gpu(i)));
        }
        for (int i = 0; i < config.slots(); i++) {
            slots.add(new Slot(ComputeDevice.cpu()));
        }
        meters = new WorkerMeters(registry, config.nodeName(), deviceCounts);
        meters.started(slots.size());
        runner = new TaskRunner(config.dataRoots(), meters);
        // Engine threads run a whole training or search, so they are allowed to run for a day without warnings.
        engine = vertx.createSharedWorkerExecutor("tn-engine-" + workerId, Math.max(1, slots.size()), 1, TimeUnit.DAYS);
    }

    /** The GPUs the engine finds, each with its memory where CUDA tells it; none unless asked. */
    private static List<NodeAnnouncement.DeviceInfo> detectGpus(boolean useGpus) {
        if (!useGpus) {
            return List.of();
        }
        try {
            return ComputeDevice.gpus().stream()
                    .map(gpu -> new NodeAnnouncement.DeviceInfo("gpu", gpu.device().label(), gpu.memoryBytes()))
                    .toList();
        } catch (IllegalStateException engineDidNotStart) {
            LOG.warn("no GPU slots: {}", engineDidNotStart.getMessage());
            return List.of();
        }
    }

    private void announce() {
        int busy = (int) slots.stream().filter(Slot::isBusy).count();
        bus.send(Addresses.SCHEDULER_ANNOUNCE, new NodeAnnouncement(config.nodeName(), config.mode(),
                List.of(new NodeAnnouncement.WorkerInfo(workerId, slots.size(), busy, devices))));
    }

    private void busyChanged() {
        meters.busy((int) slots.stream().filter(Slot::isBusy).count());
    }

    private DeliveryOptions timeout() {
        return new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MS);
    }

    /**
     * Sends a result or failure until the scheduler acknowledges it, backing off while it
     * cannot be reached; gives up only when the worker stops (the lease then expires and the
     * task runs again).
     */
    private void deliver(String address, Object message, long delayMs) {
        if (stopping) {
            return;
        }
        bus.request(address, message, timeout()).onFailure(e -> {
            if (isRejected(e)) {
                LOG.warn("the scheduler rejected a message on {}: {}", address, e.getMessage());
            } else {
                vertx.setTimer(delayMs, id -> deliver(address, message, Math.min(delayMs * 2, MAX_RETRY_MS)));
            }
        });
    }

    /** Whether the scheduler refused the message as wrong (sending it again would not help). */
    private static boolean isRejected(Throwable e) {
        return e instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
                && reply.failureCode() == 400;
    }

    /** One task slot, on one device: free (asking, or waiting to ask again), or running one task. */
    private final class Slot {
        private final ComputeDevice device;
        private long backoffMs = MIN_BACKOFF_MS;
        private long retryTimer = -1;
        private Running running;

        Slot(ComputeDevice device) {
            this.device = device;
        }

        boolean isBusy() {
            return running != null;
        }

        void ask() {
            if (stopping || running != null) {
                return;
            }
            retryTimer = -1;
            LeaseAsk lease = new LeaseAsk(workerId, config.nodeName(), device.isGpu(), config.bundleSizeOn(device.isGpu()));
            bus.<LeaseGrant>request(Addresses.SCHEDULER_LEASE, lease, timeout())
                    .onSuccess(reply -> {
                        if (reply.body().hasTask()) {
                            backoffMs = MIN_BACKOFF_MS;
                            run(reply.body());
                        } else {
                            later();
                        }
                    })
                    .onFailure(unreached -> later());
        }

        /** Asks now if the slot is waiting to ask again. */
        void wake() {
            if (retryTimer != -1 && vertx.cancelTimer(retryTimer)) {
                backoffMs = MIN_BACKOFF_MS;
                ask();
            }
        }

        /** Cancels the running task, if any; completes once the slot's engine thread is free. */
        Future<?> stop() {
            if (retryTimer != -1) {
                vertx.cancelTimer(retryTimer);
            }
            if (running == null) {
                return Future.succeededFuture();
            }
            running.stopAll();
            vertx.cancelTimer(running.heartbeatTimer);
            return running.ended.future();
        }

        private void later() {
            if (stopping) {
                return;
            }
            long delay = backoffMs;
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            retryTimer = vertx.setTimer(delay, id -> ask());
        }

        /**
         * Runs the granted bundle: one task as itself, several as one batched training. Each
         * task's outcome is reported on its own: a result, a failure, or nothing when its lease
         * was lost or cancelled.
         */
        private void run(LeaseGrant grant) {
            Running run = new Running(grant.tasks());
            running = run;
            busyChanged();
            meters.bundle(run.tasks.size());
            long interval = Math.max(MIN_HEARTBEAT_MS, Math.min(config.heartbeat().toMillis(), grant.leaseMs() / 3));
            run.heartbeatTimer = vertx.setPeriodic(interval, id -> heartbeat(run));
            // A bundle's tasks share the slot's progress rate, so live curves cost the scheduler no
            // more per slot than one task's; each result still holds its whole curve.
            long progressNanos = config.progressInterval().toNanos() * run.tasks.size();
            List<ProgressSender> progress = run.tasks.stream().map(task -> new ProgressSender(bus, task, progressNanos)).toList();
            engine.<List<Ended>>executeBlocking(() -> run.tasks.size() == 1
                            ? List.of(new Ended(runner.run(run.tasks.get(0), device, run.cancelled(0), progress.get(0)), null))
                            : runner.runBundle(run.tasks, device,
                                    IntStream.range(0, run.tasks.size()).mapToObj(run::cancelled).toList(), progress),
                    false)
                    .onComplete(done -> {
                        vertx.cancelTimer(run.heartbeatTimer);
                        long elapsedMs = (System.nanoTime() - run.startNanos) / 1_000_000L;
                        for (int i = 0; i < run.tasks.size(); i++) {
                            if (done.succeeded()) {
                                report(run.tasks.get(i), done.result().get(i), elapsedMs);
                            } else if (!(run.isStopped(i) && done.cause() instanceof CancellationException)) {
                                fail(run.tasks.get(i), done.cause(), elapsedMs);
                            }
                        }
                        running = null;
                        busyChanged();
                        ask();
                        run.ended.complete();
                    });
        }

        /** Sends a task's result; a task stopped by its lost or cancelled lease reports nothing. */
        private void report(LeasedTask task, Ended ended, long elapsedMs) {
            if (ended.resultJson() != null) {
                deliver(Addresses.SCHEDULER_COMPLETE, new TaskCompletion(AttemptHeader.of(task, workerId, elapsedMs),
                        ended.resultJson()), MIN_BACKOFF_MS);
            }
        }

        /** Sends a task's failure: its own, or its bundle's. */
        private void fail(LeasedTask task, Throwable failure, long elapsedMs) {
            deliver(Addresses.SCHEDULER_FAIL, new TaskFailure(AttemptHeader.of(task, workerId, elapsedMs),
                    String.valueOf(failure)), MIN_BACKOFF_MS);
        }

        /** Renews the leases of the bundle's tasks still running, in one message; a task not held stops alone. */
        private void heartbeat(Running run) {
            List<Integer> held = run.held();
            if (held.isEmpty()) {
                vertx.cancelTimer(run.heartbeatTimer);
                return;
            }
            List<Attempt> attempts = held.stream().map(i -> new Attempt(run.tasks.get(i).taskId(), run.tasks.get(i).attempt()))
                    .toList();
            bus.<HeartbeatReply>request(Addresses.SCHEDULER_HEARTBEAT, new HeartbeatAsk(workerId, attempts), timeout())
                    .onSuccess(reply -> {
                        List<Heartbeat> states = reply.body().states();
                        for (int j = 0; j < held.size() && j < states.size(); j++) {
                            if (!states.get(j).isHeld()) {
                                run.stop(held.get(j));
                            }
                        }
                    });
        }
    }

    /**
     * The bundle a slot runs: a stop flag per task, which its engine thread checks (a lost or
     * cancelled lease stops that task alone), and the bundle's heartbeat timer.
     */
    private static final class Running {
        final List<LeasedTask> tasks;
        final AtomicBoolean[] stopped;
        final Promise<Void> ended = Promise.promise();
        final long startNanos = System.nanoTime();
        long heartbeatTimer = -1;

        Running(List<LeasedTask> tasks) {
            this.tasks = tasks;
            this.stopped = new AtomicBoolean[tasks.size()];
            Arrays.setAll(stopped, i -> new AtomicBoolean());
        }

        BooleanSupplier cancelled(int i) {
            return stopped[i]::get;
        }

        boolean isStopped(int i) {
            return stopped[i].get();
        }

        void stop(int i) {
            stopped[i].set(true);
        }

        void stopAll() {
            Arrays.stream(stopped).forEach(flag -> flag.set(true));
        }

        /** The indices of the tasks not stopped. */
        List<Integer> held() {
            return IntStream.range(0, tasks.size()).filter(i -> !stopped[i].get()).boxed().toList();
        }
    }
}
