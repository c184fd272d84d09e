package org.taskneurons.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;

/**
 * What workers report at the end of an attempt: a result, recorded once, or a failure,
 * retried while attempts are left.
 *
 * <p>The first result of a task wins, whichever attempt sent it: a worker whose lease expired
 * may still finish before the rerun does, and since the same input gives the same result,
 * its result is as good. Every later result is a duplicate and stored nowhere.
 *
 * <p>Results are recorded in batches, one transaction each: the experiments' rows are locked
 * once per batch, the results inserted and the tasks marked DONE in one statement each, the
 * dependents of those that have any released in one, and each experiment checked for its end
 * once.
 */
final class Outcomes {

    private static final String INSERT_RESULT = "INSERT INTO results "
            + "(task_id, experiment_id, worker, attempt, result_json, recorded_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String MARK_DONE =
            "UPDATE tasks SET state = 'DONE', lease_expires_at = NULL, updated_at = ? WHERE id IN ";

    private final Pool pool;
    private final SqlDialect dialect;
    private final Transitions transitions;
    private final Clock clock;

    Outcomes(Pool pool, SqlDialect dialect, Transitions transitions, Clock clock) {
        this.pool = pool;
        this.dialect = dialect;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** What became of each report, in order; all in one transaction. */
    Future<List<Settled>> completeAll(List<AttemptResult> reports) {
        if (reports.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        List<String> ids = reports.stream().map(AttemptResult::taskId).distinct().toList();
        return pool.withTransaction(conn -> transitions.lockTasks(conn, ids).compose(tasks -> {
            List<Settled> settled = new ArrayList<>();
            Map<String, AttemptResult> recorded = new LinkedHashMap<>();
            for (AttemptResult report : reports) {
                LockedTask task = tasks.get(report.taskId());
                settled.add(task == null
                        ? Settled.refused(Transitions.missing("task", report.taskId()))
                        : settle(task, report, recorded));
            }
            if (recorded.isEmpty()) {
                return Future.succeededFuture(settled);
            }
            return record(conn, tasks, recorded).map(done -> settled);
        }));
    }

    /** Counts only from the worker that holds the attempt now; anything else was already counted by its expiry. */
    Future<FailureOutcome> fail(String taskId, String worker, int attempt, String error) {
        return pool.withTransaction(conn -> transitions.lockTask(conn, taskId).compose(task -> {
            if (attempt > task.attempt()) {
                return Future.failedFuture(neverLeased(task, attempt));
            }
            if (!task.isHeldBy(worker, attempt)) {
                return Future.succeededFuture(FailureOutcome.IGNORED);
            }
            return transitions.endFailedAttempt(conn, task, error)
                    .map(state -> state == TaskState.FAILED ? FailureOutcome.FAILED : FailureOutcome.REQUEUED);
        }));
    }

    /** One report against its locked task, adding it to {@code recorded} when its result is the task's first. */
    private static Settled settle(LockedTask task, AttemptResult report, Map<String, AttemptResult> recorded) {
        if (recorded.containsKey(task.id())) {
            return Settled.as(Completion.DUPLICATE);
        }
        return switch (task.state()) {
            case DONE -> Settled.as(Completion.DUPLICATE);
            case FAILED, CANCELLED -> Settled.as(Completion.DISCARDED);
            case WAITING, QUEUED, RUNNING -> {
                if (report.attempt() > task.attempt()) {
                    yield Settled.refused(neverLeased(task, report.attempt()));
                }
                recorded.put(task.id(), report);
                yield Settled.as(Completion.RECORDED);
            }
        };
    }

    private Future<Void> record(SqlConnection conn, Map<String, LockedTask> tasks, Map<String, AttemptResult> recorded) {
        long now = clock.millis();
        List<String> ids = List.copyOf(recorded.keySet());
        List<Tuple> rows = recorded.values().stream().map(report -> Tuple.of(report.taskId(),
                tasks.get(report.taskId()).experimentId(), report.worker(), report.attempt(), report.resultJson(), now))
                .toList();
        List<Object> markDone = new ArrayList<>(List.of(now));
        markDone.addAll(ids);
        Set<String> experiments = new TreeSet<>();
        ids.forEach(id -> experiments.add(tasks.get(id).experimentId()));
        return conn.preparedQuery(dialect.sql(INSERT_RESULT)).executeBatch(rows)
                .compose(inserted -> conn.preparedQuery(dialect.sql(MARK_DONE + Queries.placeholders(ids.size())))
                        .execute(Tuple.from(markDone)))
                .compose(done -> {
                    List<String> awaited = ids.stream().filter(id -> tasks.get(id).hasDependents()).toList();
                    return awaited.isEmpty() ? Future.<Void>succeededFuture() : transitions.releaseDependents(conn, awaited);
                })
                .compose(released -> {
                    Set<String> growing = new TreeSet<>();
                    ids.stream().filter(id -> transitions.grows(tasks.get(id).kind()))
                            .forEach(id -> growing.add(tasks.get(id).experimentId()));
                    Future<Void> chain = Future.succeededFuture();
                    for (String experimentId : experiments) {
                        if (growing.contains(experimentId)) {
                            chain = chain.compose(none -> transitions.grow(conn, experimentId));
                        }
                        chain = chain.compose(none -> transitions.finishIfDone(conn, experimentId));
                    }
                    return chain;
                });
    }

    private static IllegalArgumentException neverLeased(LockedTask task, int attempt) {
        return new IllegalArgumentException("attempt " + attempt + " of task '" + task.id()
                + "' was never leased: the latest attempt is " + task.attempt());
    }

    /**
     * What became of one report of a batch: a completion, or why the report was refused (an
     * unknown task, an attempt that was never leased).
     */
    record Settled(Completion completion, RuntimeException refusal) {

        static Settled as(Completion completion) {
            return new Settled(completion, null);
        }

        static Settled refused(RuntimeException refusal) {
            return new Settled(null, refusal);
        }

        /** For a single report: the completion, or the refusal as the failure. */
        Future<Completion> alone() {
            return refusal == null ? Future.succeededFuture(completion) : Future.failedFuture(refusal);
        }

        /** For a report among others: a deleted task's result is discarded, a wrong attempt rejected. */
        Completion inBatch() {
            if (refusal == null) {
                return completion;
            }
            return refusal instanceof NoSuchElementException ? Completion.DISCARDED : Completion.REJECTED;
        }
    }
}
