package org.taskneurons.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The store on two Vert.x SQL clients: H2 through vertx-jdbc-client, PostgreSQL through
 * vertx-pg-client. One pool, one set of SQL ({@link SqlDialect} numbers its placeholders for
 * PostgreSQL), and the work split by responsibility among the classes it delegates to.
 *
 * <p>Every operation, reads included, runs inside {@code Pool.withTransaction}, never as a
 * bare pool query: vertx-jdbc-client 5.0.7 leaves a pooled connection with auto-commit off
 * after its first transaction (vert-x3/vertx-jdbc-client#356, fixed upstream after 5.0.7), so
 * a bare statement on such a connection would run in a transaction nobody commits, keep its
 * row locks and stay invisible to everyone else.
 */
final class SqlStore implements Store {

    private final Pool pool;
    private final SqlDialect dialect;
    private final Experiments experiments;
    private final Leases leases;
    private final Outcomes outcomes;
    private final ProgressCurves curves;

    private SqlStore(Pool pool, StoreConfig config, TaskGrowth growth) {
        this.pool = pool;
        this.dialect = config.dialect();
        Transitions transitions = new Transitions(dialect, config.clock(), new Growth(growth, dialect, config.clock()));
        this.experiments = new Experiments(pool, dialect, transitions, config.clock());
        this.leases = new Leases(pool, dialect, transitions, config.clock());
        this.outcomes = new Outcomes(pool, dialect, transitions, config.clock());
        this.curves = new ProgressCurves(pool, dialect);
    }

    /** Connects and migrates; on failure the pool is closed again and the failure names the database. */
    static Future<Store> open(Vertx vertx, Supplier<StoreConfig> configuration, TaskGrowth growth) {
        StoreConfig config;
        try {
            config = configuration.get();
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        Pool pool;
        try {
            pool = config.pool(vertx);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new StoreException("cannot open the store at " + config.jdbcUrl() + ": " + e.getMessage(), e));
        }
        return Migrations.bundled(config.clock()).apply(pool, config.dialect())
                .<Store>map(version -> new SqlStore(pool, config, growth))
                .recover(failure -> pool.close().transform(closed -> Future.failedFuture(failure instanceof StoreException
                        ? failure
                        : new StoreException("cannot open the store at " + config.jdbcUrl() + ": " + failure.getMessage(), failure))));
    }

    @Override
    public Future<ExperimentSummary> submit(ExperimentDraft draft) {
        return checked(() -> Require.present("draft", draft), () -> experiments.submit(draft));
    }

    @Override
    public Future<Optional<Task>> lease(LeaseRequest request) {
        return checked(
                () -> {
                    Require.present("request", request);
                    Require.range("request bundleSize (leaseAll leases bundles)", request.bundleSize(), 1, 1);
                },
                () -> leases.leaseAll(List.of(request)))
                .map(leased -> leased.get(0).stream().findFirst());
    }

    @Override
    public Future<List<List<Task>>> leaseAll(List<LeaseRequest> requests) {
        return checked(() -> requireBatch("requests", requests), () -> leases.leaseAll(List.copyOf(requests)));
    }

    @Override
    public Future<Heartbeat> heartbeat(String taskId, String worker, int attempt) {
        return checked(() -> requireAttempt(taskId, worker, attempt), () -> leases.heartbeat(taskId, worker, attempt));
    }

    @Override
    public Future<List<Heartbeat>> heartbeatAll(String worker, List<Attempt> attempts) {
        return checked(
                () -> {
                    Require.text("worker", worker, LeaseRequest.MAX_WORKER_LENGTH);
                    requireBatch("attempts", attempts);
                },
                () -> attempts.isEmpty()
                        ? Future.succeededFuture(List.of())
                        : leases.heartbeatAll(worker, List.copyOf(attempts)));
    }

    @Override
    public Future<Completion> complete(String taskId, String worker, int attempt, String resultJson) {
        AttemptResult result;
        try {
            result = new AttemptResult(taskId, worker, attempt, resultJson);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return outcomes.completeAll(List.of(result)).compose(settled -> settled.get(0).alone());
    }

    @Override
    public Future<List<Completion>> completeAll(List<AttemptResult> results) {
        return checked(() -> requireBatch("results", results), () -> outcomes.completeAll(List.copyOf(results))
                .map(settled -> settled.stream().map(Outcomes.Settled::inBatch).toList()));
    }

    @Override
    public Future<FailureOutcome> fail(String taskId, String worker, int attempt, String error) {
        return checked(
                () -> {
                    requireAttempt(taskId, worker, attempt);
                    Require.text("error", error, Integer.MAX_VALUE);
                },
                () -> outcomes.fail(taskId, worker, attempt, error));
    }

    @Override
    public Future<ExpiredLeases> requeueExpired(Instant now) {
        return checked(() -> Require.present("now", now), () -> leases.requeueExpired(now));
    }

    @Override
    public Future<ExperimentSummary> cancel(String experimentId) {
        return checked(() -> Require.present("experimentId", experimentId), () -> experiments.cancel(experimentId));
    }

    @Override
    public Future<Void> delete(String experimentId) {
        return checked(() -> Require.present("experimentId", experimentId), () -> experiments.delete(experimentId));
    }

    @Override
    public Future<ExperimentSummary> experiment(String experimentId) {
        return checked(() -> Require.present("experimentId", experimentId), () -> read(queries -> queries.experiment(experimentId)));
    }

    @Override
    public Future<List<ExperimentSummary>> experiments(Page page) {
        return checked(() -> Require.present("page", page), () -> read(queries -> queries.experiments(page)));
    }

    @Override
    public Future<Task> task(String taskId) {
        return checked(() -> Require.present("taskId", taskId), () -> read(queries -> queries.task(taskId)));
    }

    @Override
    public Future<List<Task>> tasks(String experimentId, Page page) {
        return checked(
                () -> {
                    Require.present("experimentId", experimentId);
                    Require.present("page", page);
                },
                () -> read(queries -> queries.tasks(experimentId, page)));
    }

    @Override
    public Future<List<Result>> results(String experimentId) {
        return checked(() -> Require.present("experimentId", experimentId), () -> read(queries -> queries.results(experimentId)));
    }

    @Override
    public Future<Optional<Result>> result(String taskId) {
        return checked(() -> Require.present("taskId", taskId), () -> read(queries -> queries.result(taskId)));
    }

    @Override
    public Future<TaskCounts> taskCounts() {
        return read(Queries::taskCounts);
    }

    @Override
    public Future<Void> appendProgress(ProgressPoint point) {
        return checked(() -> Require.present("point", point), () -> curves.append(point));
    }

    @Override
    public Future<List<ProgressSummary>> progress(String experimentId) {
        return checked(() -> Require.present("experimentId", experimentId), () -> curves.curves(experimentId));
    }

    @Override
    public Future<Void> close() {
        return pool.close();
    }

    private <T> Future<T> read(Function<Queries, Future<T>> query) {
        return pool.withTransaction(conn -> query.apply(new Queries(conn, dialect)));
    }

    private static void requireAttempt(String taskId, String worker, int attempt) {
        Require.present("taskId", taskId);
        Require.text("worker", worker, LeaseRequest.MAX_WORKER_LENGTH);
        Require.range("attempt", attempt, 1, TaskDraft.MAX_ATTEMPTS);
    }

    private static void requireBatch(String field, List<?> items) {
        Require.present(field, items);
        Require.range(field + " size", items.size(), 0, MAX_BATCH);
        for (int i = 0; i < items.size(); i++) {
            Require.present(field + "[" + i + "]", items.get(i));
        }
    }

    /** Runs the argument checks, turning their exception into a failed future as the API promises. */
    private static <T> Future<T> checked(Runnable checks, Supplier<Future<T>> operation) {
        try {
            checks.run();
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return operation.get();
    }
}
