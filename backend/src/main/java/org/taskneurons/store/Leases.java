package org.taskneurons.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Handing queued tasks to workers for a while, renewing and reclaiming those leases.
 *
 * <p>A lease is one conditional update, {@code ... SET state = 'RUNNING' WHERE id = ? AND
 * state = 'QUEUED'}, whose update count says whether this worker won the task. Both
 * databases lock the row for the update and, when a concurrent lease got there first,
 * re-check the condition after that one commits, so exactly one of any number of
 * concurrent callers counts 1. A caller that counts 0 tries again with fresh candidates; it
 * only ever loses a candidate to a caller that won one, so the loop ends. ({@code FOR UPDATE
 * SKIP LOCKED} would spare PostgreSQL the short waits, but H2 has no equivalent, and one code
 * path tested on both is worth more here than a lease a few milliseconds faster.)
 *
 * <p>Several asks are leased in one transaction: one candidate query per kind of worker
 * (GPU, CPU) and one batch of conditional updates, so a busy scheduler pays for the
 * transaction once per batch instead of once per task.
 *
 * <p>An ask may take a bundle: after every ask has its first task (its head, the oldest
 * queued task it may run, so queue order decides who runs next as without bundles), each
 * ask whose head has a bundle key claims up to {@code bundleSize - 1} more queued tasks of
 * the head's experiment and key, oldest first, by the same conditional update. The tasks of
 * a bundle are leased one by one as far as the schema goes: each has its own attempt and
 * expiry, so a lost worker's bundle is requeued task by task. A heartbeat renews all of a
 * worker's attempts in one batch ({@link #heartbeatAll}).
 */
final class Leases {

    /** Candidates read beyond the asks per round, so that a lost race rarely needs another round. */
    private static final int SPARE_CANDIDATES = 8;

    /**
     * The oldest queued tasks of one kind (GPU or not), in queue order. The ORDER BY names the
     * index's leading columns, fixed by the WHERE clause, so that H2 sees the index's order
     * as the requested one and reads only the first rows instead of sorting the whole queue.
     */
    static final String CANDIDATES = "SELECT id, experiment_id, bundle_key FROM tasks WHERE state = 'QUEUED' "
            + "AND requires_gpu = ? ORDER BY state, requires_gpu, queued_at, experiment_id, seq LIMIT ?";
    /** The oldest queued tasks of one experiment and bundle key, in queue order, through {@code tasks_bundle}. */
    static final String COMPANIONS = "SELECT id FROM tasks WHERE experiment_id = ? AND bundle_key = ? AND state = 'QUEUED' "
            + "AND requires_gpu = ? ORDER BY experiment_id, bundle_key, state, queued_at, seq LIMIT ?";
    private static final String CLAIM = """
            UPDATE tasks SET state = 'RUNNING', attempt = attempt + 1, lease_owner = ?, lease_ms = ?,
                             lease_expires_at = ?, updated_at = ?
            WHERE id = ? AND state = 'QUEUED'""";
    private static final String EXTEND = """
            UPDATE tasks SET lease_expires_at = ? + lease_ms, updated_at = ?
            WHERE id = ? AND state = 'RUNNING' AND lease_owner = ? AND attempt = ?""";
    private static final String STATES = "SELECT id, state FROM tasks WHERE id IN ";
    private static final String EXPIRED =
            "SELECT id FROM tasks WHERE state = 'RUNNING' AND lease_expires_at < ? ORDER BY lease_expires_at";

    private final Pool pool;
    private final SqlDialect dialect;
    private final Transitions transitions;
    private final Clock clock;

    Leases(Pool pool, SqlDialect dialect, Transitions transitions, Clock clock) {
        this.pool = pool;
        this.dialect = dialect;
        this.transitions = transitions;
        this.clock = clock;
    }

    /**
     * For each ask, in order, its bundle: the oldest queued task left that its worker may run,
     * then up to {@code bundleSize - 1} of the oldest queued tasks of the same experiment and
     * bundle key, all RUNNING under its lease; empty where nothing was left. GPU asks choose
     * their first task first.
     */
    Future<List<List<Task>>> leaseAll(List<LeaseRequest> requests) {
        Head[] heads = new Head[requests.size()];
        List<Integer> gpu = new ArrayList<>();
        List<Integer> cpu = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            (requests.get(i).hasGpu() ? gpu : cpu).add(i);
        }
        List<List<String>> bundles = new ArrayList<>();
        // GPU workers take GPU tasks first, so CPU work never holds a GPU while GPU work waits;
        // then the CPU tasks go to the GPU asks left over and to the CPU asks.
        return pool.withTransaction(conn -> claim(conn, requests, gpu, true, heads)
                .compose(none -> {
                    List<Integer> waiting = new ArrayList<>(gpu.stream().filter(i -> heads[i] == null).toList());
                    waiting.addAll(cpu);
                    waiting.sort(null);
                    return claim(conn, requests, waiting, false, heads);
                })
                .compose(none -> {
                    // Companions join after every ask has its head, so a bundle never takes
                    // the task that is another ask's oldest.
                    Future<Void> chain = Future.succeededFuture();
                    for (int i = 0; i < requests.size(); i++) {
                        List<String> bundle = new ArrayList<>();
                        bundles.add(bundle);
                        Head head = heads[i];
                        if (head != null) {
                            bundle.add(head.id());
                            if (head.bundleKey() != null && requests.get(i).bundleSize() > 1) {
                                LeaseRequest request = requests.get(i);
                                chain = chain.compose(done -> fill(conn, request, head, bundle));
                            }
                        }
                    }
                    return chain;
                })
                .compose(none -> tasks(conn, bundles.stream().flatMap(List::stream).toList()))
                .map(tasks -> bundles.stream().map(bundle -> bundle.stream().map(tasks::get).toList()).toList()));
    }

    /** Renews the leases of one worker's attempts in one transaction; a task that is gone answers LOST. */
    Future<List<Heartbeat>> heartbeatAll(String worker, List<Attempt> attempts) {
        return pool.withTransaction(conn -> renew(conn, worker, attempts))
                .map(beats -> beats.stream().map(beat -> beat.orElse(Heartbeat.LOST)).toList());
    }

    Future<Heartbeat> heartbeat(String taskId, String worker, int attempt) {
        return pool.withTransaction(conn -> renew(conn, worker, List.of(new Attempt(taskId, attempt))))
                .compose(beats -> beats.get(0).map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture(Transitions.missing("task", taskId))));
    }

    /**
     * Takes back every lease that ran out before {@code now}, one task per transaction so a
     * large backlog never holds many experiments' locks at once.
     */
    Future<ExpiredLeases> requeueExpired(Instant now) {
        List<String> requeued = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        return pool.withTransaction(conn -> conn.preparedQuery(dialect.sql(EXPIRED)).execute(Tuple.of(now.toEpochMilli())))
                .compose(rows -> {
                    Future<Void> chain = Future.succeededFuture();
                    for (Row row : rows) {
                        String taskId = row.getString("id");
                        chain = chain.compose(none -> expire(taskId, now.toEpochMilli()).map(state -> {
                            state.filter(TaskState.QUEUED::equals).ifPresent(queued -> requeued.add(taskId));
                            state.filter(TaskState.FAILED::equals).ifPresent(gaveUp -> failed.add(taskId));
                            return null;
                        }));
                    }
                    return chain;
                })
                .map(none -> new ExpiredLeases(requeued, failed));
    }

    /**
     * Pairs the asks at {@code waiting} (indices into {@code requests}) with the queued tasks
     * that do or do not require a GPU, in queue order, and claims them in one batch, writing
     * each won task into {@code heads}; asks whose candidate another transaction took
     * meanwhile try again.
     */
    private Future<Void> claim(
            SqlConnection conn, List<LeaseRequest> requests, List<Integer> waiting, boolean gpuTasks, Head[] heads) {
        if (waiting.isEmpty()) {
            return Future.succeededFuture();
        }
        return conn.preparedQuery(dialect.sql(CANDIDATES)).execute(Tuple.of(gpuTasks, waiting.size() + SPARE_CANDIDATES)).compose(rows -> {
            List<Head> candidates = new ArrayList<>();
            rows.forEach(row -> candidates.add(new Head(row.getString("id"), row.getString("experiment_id"),
                    row.getString("bundle_key"), gpuTasks)));
            int pairs = Math.min(waiting.size(), candidates.size());
            if (pairs == 0) {
                return Future.succeededFuture();
            }
            long now = clock.millis();
            List<Tuple> claims = new ArrayList<>();
            for (int j = 0; j < pairs; j++) {
                claims.add(claimRow(requests.get(waiting.get(j)), candidates.get(j).id(), now));
            }
            return conn.preparedQuery(dialect.sql(CLAIM)).executeBatch(claims).compose(updated -> {
                List<Integer> lost = new ArrayList<>();
                List<Integer> counts = counts(updated, pairs);
                for (int j = 0; j < pairs; j++) {
                    if (counts.get(j) == 1) {
                        heads[waiting.get(j)] = candidates.get(j);
                    } else {
                        lost.add(waiting.get(j));
                    }
                }
                if (lost.isEmpty()) {
                    // Every claim won: the asks beyond the candidates found the queue empty.
                    return Future.<Void>succeededFuture();
                }
                lost.addAll(waiting.subList(pairs, waiting.size()));
                return claim(conn, requests, lost, gpuTasks, heads);
            });
        });
    }

    /**
     * Adds to {@code bundle} the oldest queued tasks of its head's experiment and bundle key,
     * claimed in one batch, until it holds {@code bundleSize} tasks or none is left; a
     * companion another transaction took meanwhile is replaced by the next one.
     */
    private Future<Void> fill(SqlConnection conn, LeaseRequest request, Head head, List<String> bundle) {
        int missing = request.bundleSize() - bundle.size();
        Tuple companions = Tuple.of(head.experimentId(), head.bundleKey(), head.requiresGpu(), missing);
        return conn.preparedQuery(dialect.sql(COMPANIONS)).execute(companions).compose(rows -> {
            List<String> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getString("id")));
            if (ids.isEmpty()) {
                return Future.succeededFuture();
            }
            long now = clock.millis();
            List<Tuple> claims = ids.stream().map(id -> claimRow(request, id, now)).toList();
            return conn.preparedQuery(dialect.sql(CLAIM)).executeBatch(claims).compose(updated -> {
                List<Integer> counts = counts(updated, ids.size());
                for (int j = 0; j < ids.size(); j++) {
                    if (counts.get(j) == 1) {
                        bundle.add(ids.get(j));
                    }
                }
                boolean lostSome = bundle.size() < request.bundleSize() && counts.contains(0);
                return lostSome ? fill(conn, request, head, bundle) : Future.<Void>succeededFuture();
            });
        });
    }

    /** The parameters of {@link #CLAIM} for one ask and task. */
    private static Tuple claimRow(LeaseRequest request, String taskId, long now) {
        long duration = request.duration().toMillis();
        return Tuple.of(request.worker(), duration, now + duration, now, taskId);
    }

    /** Each claim's update count, checked ({@link #claimCount}). */
    private List<Integer> counts(RowSet<Row> updated, int claims) {
        List<Integer> counts = dialect.updateCounts(updated);
        if (counts.size() != claims) {
            throw new IllegalStateException("the database answered " + counts.size() + " update counts for "
                    + claims + " claims");
        }
        return counts.stream().map(Leases::claimCount).toList();
    }

    /** The leased tasks by id, read {@value Store#MAX_BATCH} at a time (one placeholder each). */
    private Future<Map<String, Task>> tasks(SqlConnection conn, List<String> ids) {
        Map<String, Task> tasks = new HashMap<>();
        Queries queries = new Queries(conn, dialect);
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < ids.size(); from += Store.MAX_BATCH) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + Store.MAX_BATCH));
            chain = chain.compose(none -> queries.tasks(chunk).map(read -> {
                tasks.putAll(read);
                return null;
            }));
        }
        return chain.map(tasks);
    }

    /**
     * Extends each attempt's lease that {@code worker} still holds, in one batch; each answer is
     * EXTENDED, why the worker lost the attempt, or empty when the task is gone.
     */
    private Future<List<Optional<Heartbeat>>> renew(SqlConnection conn, String worker, List<Attempt> attempts) {
        long now = clock.millis();
        List<Tuple> extensions = attempts.stream()
                .map(held -> Tuple.of(now, now, held.taskId(), worker, held.attempt())).toList();
        return conn.preparedQuery(dialect.sql(EXTEND)).executeBatch(extensions).compose(updated -> {
            List<Integer> counts = dialect.updateCounts(updated);
            List<String> lost = new ArrayList<>();
            for (int i = 0; i < attempts.size(); i++) {
                if (counts.get(i) != 1) {
                    lost.add(attempts.get(i).taskId());
                }
            }
            Future<Map<String, TaskState>> states = lost.isEmpty()
                    ? Future.succeededFuture(Map.of())
                    : conn.preparedQuery(dialect.sql(STATES + Queries.placeholders(lost.size()))).execute(Tuple.from(lost))
                            .map(rows -> {
                                Map<String, TaskState> byId = new HashMap<>();
                                rows.forEach(row -> byId.put(row.getString("id"), TaskState.valueOf(row.getString("state"))));
                                return byId;
                            });
            return states.map(byId -> {
                List<Optional<Heartbeat>> beats = new ArrayList<>();
                for (int i = 0; i < attempts.size(); i++) {
                    beats.add(counts.get(i) == 1
                            ? Optional.of(Heartbeat.EXTENDED)
                            : Optional.ofNullable(byId.get(attempts.get(i).taskId())).map(Leases::lostBecause));
                }
                return beats;
            });
        });
    }

    /**
     * One claim's update count: 1 won, 0 lost. Both databases report exact counts for each
     * statement of a batch ({@link SqlDialect#updateCounts}); anything else would make a
     * lease unsafe, so it fails loudly.
     */
    private static int claimCount(int count) {
        if (count != 0 && count != 1) {
            throw new IllegalStateException("the database reported " + count + " updated rows for one claim");
        }
        return count;
    }

    /** Succeeds with the task's new state, or empty when its lease was renewed or the task is gone meanwhile. */
    private Future<Optional<TaskState>> expire(String taskId, long now) {
        return pool.<Optional<TaskState>>withTransaction(conn -> transitions.lockTask(conn, taskId)
                        .compose(task -> isExpired(task, now)
                                ? transitions.endFailedAttempt(conn, task, expiryError(task)).map(Optional::of)
                                : Future.succeededFuture(Optional.empty())))
                .recover(failure -> failure instanceof NoSuchElementException
                        ? Future.succeededFuture(Optional.empty())
                        : Future.failedFuture(failure));
    }

    private static boolean isExpired(LockedTask task, long now) {
        return task.state() == TaskState.RUNNING && task.leaseExpiresAt() != null && task.leaseExpiresAt() < now;
    }

    private static String expiryError(LockedTask task) {
        return "lease expired on attempt " + task.attempt() + " of " + task.maxAttempts()
                + " (worker '" + task.leaseOwner() + "' sent no heartbeat)";
    }

    private static Heartbeat lostBecause(TaskState state) {
        return state == TaskState.CANCELLED ? Heartbeat.CANCELLED : Heartbeat.LOST;
    }

    /** A task an ask won first, with what its bundle's companions must share. */
    private record Head(String id, String experimentId, String bundleKey, boolean requiresGpu) {
    }
}
