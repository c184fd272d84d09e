package org.taskneurons.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Handing queued tasks to workers for a while, renewing and reclaiming those leases.
 *
 * <p>A lease is one conditional update, {@code ... SET state = 'RUNNING' WHERE id = ? AND
 * state = 'QUEUED'}, whose update count says whether this worker won the task. Both
 * databases lock the row for the update and, when a concurrent lease got there first,
 * re-check the condition after that one commits, so exactly one of any number of
 * concurrent callers counts 1. A caller that counts 0 tries the next candidate; it only ever
 * loses a candidate to a caller that won one, so the loop ends. ({@code FOR UPDATE SKIP
 * LOCKED} would spare PostgreSQL the short waits, but H2 has no equivalent, and one code
 * path tested on both is worth more here than a lease a few milliseconds faster.)
 */
final class Leases {

    /** Candidates read per round: enough that concurrent workers mostly win one of them at once. */
    private static final int CANDIDATES = 16;

    /** GPU workers take GPU tasks first, so CPU work never holds a GPU while GPU work waits. */
    private static final String CANDIDATES_FOR_GPU = "SELECT id FROM tasks WHERE state = 'QUEUED' "
            + "ORDER BY requires_gpu DESC, queued_at, experiment_id, seq LIMIT " + CANDIDATES;
    private static final String CANDIDATES_FOR_CPU = "SELECT id FROM tasks WHERE state = 'QUEUED' "
            + "AND requires_gpu = FALSE ORDER BY queued_at, experiment_id, seq LIMIT " + CANDIDATES;
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
    private final Transitions transitions;
    private final Clock clock;

    Leases(Pool pool, Transitions transitions, Clock clock) {
        this.pool = pool;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** The oldest queued task this worker may run, now RUNNING under its lease; empty when none. */
    Future<Optional<Task>> lease(LeaseRequest request) {
        return pool.withTransaction(conn -> claimAny(conn, request)
                .compose(claimed -> claimed.isEmpty()
                        ? Future.succeededFuture(Optional.<Task>empty())
                        : new Queries(conn).task(claimed.get()).map(Optional::of)));
    }

    Future<Heartbeat> heartbeat(String taskId, String worker, int attempt) {
        long now = clock.millis();
        return pool.withTransaction(conn -> conn.preparedQuery(EXTEND).execute(Tuple.of(now, now, taskId, worker, attempt))
                .compose(rows -> rows.rowCount() == 1
                        ? Future.succeededFuture(Heartbeat.EXTENDED)
                        : conn.preparedQuery(STATE).execute(Tuple.of(taskId))
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
        return pool.withTransaction(conn -> conn.preparedQuery(EXPIRED).execute(Tuple.of(now.toEpochMilli())))
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

    private Future<Optional<String>> claimAny(SqlConnection conn, LeaseRequest request) {
        String candidates = request.hasGpu() ? CANDIDATES_FOR_GPU : CANDIDATES_FOR_CPU;
        return conn.query(candidates).execute().compose(rows -> {
            List<String> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getString("id")));
            if (ids.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
            }
            return claimFirst(conn, request, ids, 0)
                    .compose(claimed -> claimed.isPresent() ? Future.succeededFuture(claimed) : claimAny(conn, request));
        });
    }

    private Future<Optional<String>> claimFirst(SqlConnection conn, LeaseRequest request, List<String> ids, int next) {
        if (next == ids.size()) {
            return Future.succeededFuture(Optional.empty());
        }
        long now = clock.millis();
        long duration = request.duration().toMillis();
        String id = ids.get(next);
        return conn.preparedQuery(CLAIM).execute(Tuple.of(request.worker(), duration, now + duration, now, id))
                .compose(rows -> rows.rowCount() == 1
                        ? Future.succeededFuture(Optional.of(id))
                        : claimFirst(conn, request, ids, next + 1));
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
