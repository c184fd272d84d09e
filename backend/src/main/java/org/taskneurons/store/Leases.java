package org.taskneurons.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
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
 */
final class Leases {

    /** Candidates read beyond the asks per round, so that a lost race rarely needs another round. */
    private static final int SPARE_CANDIDATES = 8;

    /**
     * The oldest queued tasks of one kind (GPU or not), in queue order. The ORDER BY names the
     * index's leading columns, fixed by the WHERE clause, so that H2 sees the index's order
     * as the requested one and reads only the first rows instead of sorting the whole queue.
     */
    static final String CANDIDATES = "SELECT id FROM tasks WHERE state = 'QUEUED' AND requires_gpu = ? "
            + "ORDER BY state, requires_gpu, queued_at, experiment_id, seq LIMIT ?";
    private static final String CLAIM = """
            UPDATE tasks SET state = 'RUNNING', attempt = attempt + 1, lease_owner = ?, lease_ms = ?,
                             lease_expires_at = ?, updated_at = ?
            WHERE id = ? AND state = 'QUEUED'""";
    private static final String EXTEND = """
            UPDATE tasks SET lease_expires_at = ? + lease_ms, updated_at = ?
            WHERE id = ? AND state = 'RUNNING' AND lease_owner = ? AND attempt = ?""";
    private static final String STATE = "SELECT state FROM tasks WHERE id = ?";
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
     * For each ask, in order, the oldest queued task left that its worker may run, now
     * RUNNING under its lease; empty where none was left. GPU asks choose first.
     */
    Future<List<Optional<Task>>> leaseAll(List<LeaseRequest> requests) {
        String[] claimed = new String[requests.size()];
        List<Integer> gpu = new ArrayList<>();
        List<Integer> cpu = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            (requests.get(i).hasGpu() ? gpu : cpu).add(i);
        }
        // GPU workers take GPU tasks first, so CPU work never holds a GPU while GPU work waits;
        // then the CPU tasks go to the GPU asks left over and to the CPU asks.
        return pool.withTransaction(conn -> claim(conn, requests, gpu, true, claimed)
                .compose(none -> {
                    List<Integer> waiting = new ArrayList<>(gpu.stream().filter(i -> claimed[i] == null).toList());
                    waiting.addAll(cpu);
                    waiting.sort(null);
                    return claim(conn, requests, waiting, false, claimed);
                })
                .compose(none -> new Queries(conn, dialect).tasks(Arrays.stream(claimed).filter(Objects::nonNull).toList()))
                .map(tasks -> Arrays.stream(claimed).map(id -> Optional.ofNullable(id).map(tasks::get)).toList()));
    }

    Future<Heartbeat> heartbeat(String taskId, String worker, int attempt) {
        long now = clock.millis();
        return pool.withTransaction(conn -> conn.preparedQuery(dialect.sql(EXTEND)).execute(Tuple.of(now, now, taskId, worker, attempt))
                .compose(rows -> rows.rowCount() == 1
                        ? Future.succeededFuture(Heartbeat.EXTENDED)
                        : conn.preparedQuery(dialect.sql(STATE)).execute(Tuple.of(taskId))
                                .compose(state -> Transitions.single(state, "task", taskId))
                                .map(Leases::lostBecause)));
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
     * each won task's id into {@code claimed}; asks whose candidate another transaction took
     * meanwhile try again.
     */
    private Future<Void> claim(
            SqlConnection conn, List<LeaseRequest> requests, List<Integer> waiting, boolean gpuTasks, String[] claimed) {
        if (waiting.isEmpty()) {
            return Future.succeededFuture();
        }
        return conn.preparedQuery(dialect.sql(CANDIDATES)).execute(Tuple.of(gpuTasks, waiting.size() + SPARE_CANDIDATES)).compose(rows -> {
            List<String> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getString("id")));
            int pairs = Math.min(waiting.size(), ids.size());
            if (pairs == 0) {
                return Future.succeededFuture();
            }
            long now = clock.millis();
            List<Tuple> claims = new ArrayList<>();
            for (int j = 0; j < pairs; j++) {
                LeaseRequest request = requests.get(waiting.get(j));
                long duration = request.duration().toMillis();
                claims.add(Tuple.of(request.worker(), duration, now + duration, now, ids.get(j)));
            }
            return conn.preparedQuery(dialect.sql(CLAIM)).executeBatch(claims).compose(updated -> {
                List<Integer> lost = new ArrayList<>();
                List<Integer> counts = dialect.updateCounts(updated);
                if (counts.size() != pairs) {
                    throw new IllegalStateException("the database answered " + counts.size() + " update counts for "
                            + pairs + " claims");
                }
                for (int j = 0; j < pairs; j++) {
                    if (claimCount(counts.get(j)) == 1) {
                        claimed[waiting.get(j)] = ids.get(j);
                    } else {
                        lost.add(waiting.get(j));
                    }
                }
                if (lost.isEmpty()) {
                    // Every claim won: the asks beyond the candidates found the queue empty.
                    return Future.<Void>succeededFuture();
                }
                lost.addAll(waiting.subList(pairs, waiting.size()));
                return claim(conn, requests, lost, gpuTasks, claimed);
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

    private static Heartbeat lostBecause(Row state) {
        return TaskState.valueOf(state.getString("state")) == TaskState.CANCELLED ? Heartbeat.CANCELLED : Heartbeat.LOST;
    }
}
