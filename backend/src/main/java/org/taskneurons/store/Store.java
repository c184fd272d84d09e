package org.taskneurons.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where experiments, tasks, leases, results and progress curves live.
 *
 * <p>Every operation returns a future that completes once its effects are committed; a
 * failed future means nothing of that operation was stored. Unknown ids fail with a
 * {@link java.util.NoSuchElementException} naming the id, invalid arguments with an
 * {@link IllegalArgumentException} naming the argument.
 *
 * <p>A task's way through the store: {@link #submit} stores it QUEUED (or WAITING for its
 * dependencies); {@link #lease} gives it to one worker, RUNNING; the worker renews the lease
 * with {@link #heartbeat} and ends the attempt with {@link #complete} or {@link #fail}; the
 * scheduler calls {@link #requeueExpired} periodically to take back the leases of workers
 * that went silent.
 */
public interface Store {

    /** The most asks or results one batch operation takes (their ids go into one statement). */
    int MAX_BATCH = 500;

    /** An embedded H2 database in {@code file}, created and migrated as needed. */
    static Future<Store> h2(Vertx vertx, Path file) {
        return SqlStore.open(vertx, () -> StoreConfig.h2(file), TaskGrowth.NONE);
    }

    /**
     * A PostgreSQL database, migrated as needed.
     *
     * @param uri      {@code postgresql://host:5432/db} or {@code jdbc:postgresql://host:5432/db}
     * @param user     the role; null to take it from the URI
     * @param password the role's password; null to take it from the URI
     */
    static Future<Store> postgres(Vertx vertx, String uri, String user, String password) {
        return SqlStore.open(vertx, () -> StoreConfig.postgres(uri, user, password), TaskGrowth.NONE);
    }

    static Future<Store> open(Vertx vertx, StoreConfig config) {
        return open(vertx, config, TaskGrowth.NONE);
    }

    /** A store whose experiments grow as {@code growth} says when their tasks end. */
    static Future<Store> open(Vertx vertx, StoreConfig config, TaskGrowth growth) {
        return SqlStore.open(vertx, () -> config, growth);
    }

    /**
     * Stores the experiment and all its tasks in one transaction: tasks without dependencies
     * QUEUED, the others WAITING. Succeeds, with the ids the store gave them, only once it
     * committed; a failure stores nothing.
     */
    Future<ExperimentSummary> submit(ExperimentDraft draft);

    /**
     * Gives the worker the oldest queued task it may run (GPU tasks only to GPU workers, who
     * take them first), RUNNING under a lease for the request's duration, its attempt
     * counted. Empty when there is none. No task is ever given to two callers at once. The
     * request's bundle size must be 1 ({@link #leaseAll} leases bundles).
     */
    Future<Optional<Task>> lease(LeaseRequest request);

    /**
     * Leases a bundle for each of several asks, in one transaction: the i-th answer is the
     * i-th ask's bundle, empty where nothing was left for it. A bundle starts with the task
     * {@link #lease} would give (asks choose in order, GPU asks first), followed by up to
     * {@code bundleSize - 1} of the oldest queued tasks of the same experiment and
     * {@linkplain TaskDraft#bundleKey() bundle key}, in queue order; a task without a bundle
     * key is leased alone. Each task of a bundle is leased as {@link #lease} leases one: its
     * own attempt, expiry, completion and failure. At most {@value #MAX_BATCH} asks.
     */
    Future<List<List<Task>>> leaseAll(List<LeaseRequest> requests);

    /**
     * Renews the lease for its duration if {@code worker} still holds {@code attempt};
     * otherwise tells the worker why it should stop.
     */
    Future<Heartbeat> heartbeat(String taskId, String worker, int attempt);

    /**
     * {@link #heartbeat} for each of a worker's attempts (a bundle's), in one transaction; the
     * i-th answer is the i-th attempt's, and a task that is gone answers {@link Heartbeat#LOST}.
     * At most {@value #MAX_BATCH} attempts.
     */
    Future<List<Heartbeat>> heartbeatAll(String worker, List<Attempt> attempts);

    /**
     * Records the attempt's result unless the task already has one, then marks the task DONE,
     * queues dependents whose dependencies are now all DONE, and finishes the experiment when
     * none of its tasks will run again; all in one transaction.
     */
    Future<Completion> complete(String taskId, String worker, int attempt, String resultJson);

    /**
     * Records several results in one transaction, as {@link #complete} would one after another
     * (a second result for the same task is a {@link Completion#DUPLICATE}). A report that
     * {@link #complete} would fail does not fail the others: an unknown task's result is
     * {@link Completion#DISCARDED}, an attempt that was never leased {@link Completion#REJECTED}.
     * At most {@value #MAX_BATCH} results.
     */
    Future<List<Completion>> completeAll(List<AttemptResult> results);

    /**
     * Ends the worker's attempt with an error: queued again while attempts are left, else
     * FAILED with the error, and every task downstream CANCELLED.
     */
    Future<FailureOutcome> fail(String taskId, String worker, int attempt, String error);

    /**
     * Takes back the leases that ran out before {@code now}: those tasks are queued again
     * while attempts are left, else FAILED with the expiry as their error.
     */
    Future<ExpiredLeases> requeueExpired(Instant now);

    /**
     * Cancels every unfinished task of the experiment and the experiment; workers running
     * its tasks get {@link Heartbeat#CANCELLED} from their next heartbeat.
     */
    Future<ExperimentSummary> cancel(String experimentId);

    /** Removes the experiment and everything of it: tasks, results, curves. */
    Future<Void> delete(String experimentId);

    Future<ExperimentSummary> experiment(String experimentId);

    /** Newest first. */
    Future<List<ExperimentSummary>> experiments(Page page);

    Future<Task> task(String taskId);

    /** In the order the experiment's draft listed them. */
    Future<List<Task>> tasks(String experimentId, Page page);

    /** The experiment's recorded results, in task order. */
    Future<List<Result>> results(String experimentId);

    /** The task's result; empty while it has none. */
    Future<Optional<Result>> result(String taskId);

    /** Tasks by state over all experiments, for metrics (queue depth is the QUEUED count). */
    Future<TaskCounts> taskCounts();

    /** Adds a point to the task's curve, which stays summarized (see {@link ProgressSummary}). */
    Future<Void> appendProgress(ProgressPoint point);

    /** The summarized curves of all the experiment's tasks. */
    Future<List<ProgressSummary>> progress(String experimentId);

    /** Closes the connections; the data stays. */
    Future<Void> close();
}
