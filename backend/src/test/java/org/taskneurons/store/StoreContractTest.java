package org.taskneurons.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every store must do, whatever the database: each subclass supplies a fresh, empty
 * database per test, and every test runs against it through the public {@link Store} API
 * (a few reach for a raw pool to set up what the API cannot, such as a constraint).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
abstract class StoreContractTest {

    static final String INPUT = "{\"dataset\":\"airfoil\",\"seed\":1}";
    static final Instant FAR_FUTURE = Instant.now().plus(Duration.ofDays(1));

    StoreConfig config;
    Store store;

    /** A new, empty database for one test. */
    abstract Future<StoreConfig> freshDatabase(Vertx vertx);

    /** Removes what {@link #freshDatabase} made, after the test's stores are closed. */
    abstract Future<Void> dropDatabase(Vertx vertx);

    @BeforeEach
    void openStore(Vertx vertx, VertxTestContext ctx) {
        freshDatabase(vertx)
                .compose(fresh -> {
                    config = fresh;
                    return Store.open(vertx, fresh);
                })
                .onComplete(ctx.succeeding(opened -> {
                    store = opened;
                    ctx.completeNow();
                }));
    }

    @AfterEach
    void closeStore(Vertx vertx, VertxTestContext ctx) {
        Future<Void> closed = store == null ? Future.succeededFuture() : store.close();
        closed.eventually(() -> dropDatabase(vertx)).onComplete(ctx.succeedingThenComplete());
    }

    // ---- submit ---------------------------------------------------------------------------

    @Test
    void submitStoresTheExperimentWithReadyTasksQueuedAndOthersWaiting(VertxTestContext ctx) {
        ExperimentDraft draft = draft("sweep",
                task("discover"), task("train-1").withDependsOn("discover"), task("train-2").withDependsOn("discover"),
                task("report").withDependsOn("train-1", "train-2"));
        verify(ctx, store.submit(draft).compose(submitted -> {
            assertThat(submitted.experiment().name()).isEqualTo("sweep");
            assertThat(submitted.experiment().specJson()).isEqualTo(draft.specJson());
            assertThat(submitted.state()).isEqualTo(ExperimentState.ACTIVE);
            assertThat(submitted.experiment().finishedAt()).isEmpty();
            assertThat(submitted.tasks().count(TaskState.QUEUED)).isEqualTo(1);
            assertThat(submitted.tasks().count(TaskState.WAITING)).isEqualTo(3);
            return tasksByKey(submitted.id());
        }).map(tasks -> {
            assertThat(tasks.keySet()).containsExactly("discover", "train-1", "train-2", "report");
            assertThat(tasks.get("report").dependsOn())
                    .containsExactly(tasks.get("train-1").id(), tasks.get("train-2").id());
            assertThat(tasks.get("discover").inputJson()).isEqualTo(INPUT);
            assertThat(tasks.get("discover").attempt()).isZero();
            assertThat(tasks.get("discover").leaseOwner()).isEmpty();
            return tasks;
        }));
    }

    @Test
    void submitIsAtomicWhenTheDatabaseRejectsALateTask(Vertx vertx, VertxTestContext ctx) {
        // The records reject every invalid field before a transaction starts, so to see the
        // transaction itself roll back, the database is made to refuse the third task.
        ExperimentDraft draft = draft("poisoned",
                task("a"), task("b").withDependsOn("a"), TaskDraft.of("c", "poison", INPUT), task("d"));
        Pool raw = config.pool(vertx);
        verify(ctx, store.submit(draft("kept", task("x")))
                .compose(kept -> raw.withTransaction(conn -> conn
                        .query("ALTER TABLE tasks ADD CONSTRAINT no_poison CHECK (kind <> 'poison')").execute()))
                .compose(altered -> store.submit(draft).transform(submitted -> {
                    assertThat(submitted.failed()).as("submit of a task the database refuses").isTrue();
                    return store.experiments(Page.first(10));
                }))
                .compose(experiments -> {
                    assertThat(experiments).extracting(summary -> summary.experiment().name()).containsExactly("kept");
                    return store.taskCounts();
                })
                .compose(counts -> {
                    assertThat(counts.total()).isEqualTo(1);
                    return raw.withTransaction(conn -> conn.query("SELECT COUNT(*) AS n FROM task_dependencies").execute());
                })
                .map(rows -> assertThat(rows.iterator().next().getLong("n")).isZero())
                .eventually(() -> raw.close()));
    }

    // ---- lease ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} tasks, {1} concurrent leases from each of two stores")
    @CsvSource({"12, 20", "40, 20", "60, 25"})
    void concurrentLeasesNeverHandOutATaskTwice(int tasks, int callersPerStore, Vertx vertx, VertxTestContext ctx) {
        List<TaskDraft> drafts = IntStream.range(0, tasks).mapToObj(i -> task("t" + i)).toList();
        verify(ctx, store.submit(new ExperimentDraft("race", "{}", drafts))
                .compose(submitted -> Store.open(vertx, config))
                .compose(second -> {
                    List<Future<Optional<Task>>> leases = new ArrayList<>();
                    for (int i = 0; i < callersPerStore; i++) {
                        leases.add(store.lease(LeaseRequest.of("first-" + i, false)));
                        leases.add(second.lease(LeaseRequest.of("second-" + i, false)));
                    }
                    return Future.all(leases).eventually(second::close).map(all -> leases.stream()
                            .map(Future::result).flatMap(Optional::stream).toList());
                })
                .compose(leased -> {
                    int expected = Math.min(tasks, 2 * callersPerStore);
                    assertThat(leased).hasSize(expected);
                    assertThat(leased.stream().map(Task::id).distinct()).hasSize(expected);
                    assertThat(leased).allSatisfy(task -> {
                        assertThat(task.state()).isEqualTo(TaskState.RUNNING);
                        assertThat(task.attempt()).isEqualTo(1);
                        assertThat(task.leaseExpiresAt()).isPresent();
                    });
                    Map<String, String> holders = leased.stream()
                            .collect(Collectors.toMap(Task::id, task -> task.leaseOwner().orElseThrow()));
                    return store.taskCounts().map(counts -> {
                        assertThat(counts.count(TaskState.RUNNING)).isEqualTo(expected);
                        assertThat(counts.count(TaskState.QUEUED)).isEqualTo(tasks - expected);
                        return holders;
                    });
                })
                .compose(holders -> Future.all(holders.entrySet().stream()
                        .map(held -> store.task(held.getKey()).map(stored -> {
                            assertThat(stored.leaseOwner()).contains(held.getValue());
                            return stored;
                        })).toList())));
    }

    @Test
    void aConditionalUpdateWaitingOnALockSeesTheWinnersCommit(Vertx vertx, VertxTestContext ctx) {
        // The property the lease stands on, forced into the losing interleaving: the second
        // claim blocks on the row until the first commits, then matches nothing.
        String claim = "UPDATE tasks SET state = 'RUNNING', lease_owner = ? WHERE id = ? AND state = 'QUEUED'";
        Pool raw = config.withMaxPoolSize(2).pool(vertx);
        verify(ctx, store.submit(draft("contended", task("only")))
                .compose(submitted -> tasksByKey(submitted.id()))
                .compose(tasks -> {
                    String id = tasks.get("only").id();
                    return raw.getConnection().compose(first -> raw.getConnection().compose(second ->
                            first.begin().compose(firstTx -> first.preparedQuery(config.dialect().sql(claim)).execute(Tuple.of("first", id))
                                    .compose(firstClaim -> {
                                        Future<RowSet<Row>> secondClaim = second.begin().compose(secondTx ->
                                                second.preparedQuery(config.dialect().sql(claim)).execute(Tuple.of("second", id))
                                                        .compose(rows -> secondTx.commit().map(rows)));
                                        Promise<Void> waited = Promise.promise();
                                        vertx.setTimer(300, timer -> waited.complete());
                                        return waited.future()
                                                .compose(none -> firstTx.commit())
                                                .compose(none -> secondClaim)
                                                .map(secondRows -> List.of(firstClaim.rowCount(), secondRows.rowCount()));
                                    }))
                                    .eventually(() -> second.close()))
                            .eventually(() -> first.close()))
                            .compose(counts -> store.task(id).map(stored -> {
                                assertThat(counts).containsExactly(1, 0);
                                assertThat(stored.leaseOwner()).contains("first");
                                return stored;
                            }));
                })
                .eventually(() -> raw.close()));
    }

    @Test
    void leaseGivesTheOldestReadyTaskAndGpuTasksOnlyToGpuWorkers(VertxTestContext ctx) {
        ExperimentDraft draft = draft("mixed",
                task("cpu-1"), task("gpu-1").withRequiresGpu(true), task("cpu-2"), task("gpu-2").withRequiresGpu(true));
        verify(ctx, store.submit(draft)
                .compose(submitted -> leaseKeys(LeaseRequest.of("cpu", false), 3))
                .compose(cpuKeys -> {
                    assertThat(cpuKeys).as("a CPU worker gets CPU tasks in order, then nothing")
                            .containsExactly("cpu-1", "cpu-2", null);
                    return leaseKeys(LeaseRequest.of("gpu", true), 3);
                })
                .map(gpuKeys -> assertThat(gpuKeys).containsExactly("gpu-1", "gpu-2", null)));
    }

    @Test
    void aGpuWorkerTakesGpuTasksFirstThenCpuTasks(VertxTestContext ctx) {
        verify(ctx, store.submit(draft("mixed", task("cpu-1"), task("gpu-1").withRequiresGpu(true)))
                .compose(submitted -> leaseKeys(LeaseRequest.of("gpu", true), 3))
                .map(keys -> assertThat(keys).containsExactly("gpu-1", "cpu-1", null)));
    }

    @Test
    void leaseOnAnEmptyQueueIsEmpty(VertxTestContext ctx) {
        verify(ctx, store.lease(LeaseRequest.of("idle", true)).map(leased -> assertThat(leased).isEmpty()));
    }

    // ---- heartbeat ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "holder renews,                  holder, 1, NONE,     EXTENDED",
        "another worker,                 thief,  1, NONE,     LOST",
        "older attempt after a rerun,    holder, 1, RERUN,    LOST",
        "after another attempt finished, holder, 1, DONE,     LOST",
        "after the experiment cancelled, holder, 1, CANCEL,   CANCELLED",
    })
    void heartbeatTellsTheWorkerWhetherItStillHoldsTheAttempt(
            String situation, String worker, int attempt, String meanwhile, Heartbeat expected, VertxTestContext ctx) {
        Duration lease = Duration.ofSeconds(10);
        verify(ctx, store.submit(draft("beating", task("work")))
                .compose(submitted -> store.lease(new LeaseRequest("holder", false, lease)).map(leased -> leased.orElseThrow())
                        .compose(leased -> happen(meanwhile, submitted.id(), leased).map(leased)))
                .compose(leased -> {
                    Instant before = Instant.now();
                    return store.heartbeat(leased.id(), worker, attempt).compose(beat -> {
                        assertThat(beat).isEqualTo(expected);
                        return store.task(leased.id()).map(stored -> {
                            if (expected == Heartbeat.EXTENDED) {
                                assertThat(stored.leaseExpiresAt().orElseThrow())
                                        .isAfterOrEqualTo(before.plus(lease).minusMillis(1));
                            }
                            return stored;
                        });
                    });
                }));
    }

    /** What happens to a leased task between its lease and the heartbeat under test. */
    private Future<?> happen(String meanwhile, String experimentId, Task leased) {
        return switch (meanwhile) {
            case "NONE" -> Future.succeededFuture();
            case "RERUN" -> store.requeueExpired(FAR_FUTURE)
                    .compose(expired -> store.lease(LeaseRequest.of("rerunner", false)));
            case "DONE" -> store.requeueExpired(FAR_FUTURE)
                    .compose(expired -> store.lease(LeaseRequest.of("rerunner", false)))
                    .compose(rerun -> store.complete(leased.id(), "rerunner", 2, "{}"));
            case "CANCEL" -> store.cancel(experimentId);
            default -> throw new IllegalArgumentException(meanwhile);
        };
    }

    // ---- complete -------------------------------------------------------------------------

    @Test
    void aResultIsRecordedOnceAndASlowWorkersLateResultIsADuplicate(VertxTestContext ctx) {
        verify(ctx, store.submit(draft("slow worker", task("work")))
                .compose(submitted -> store.lease(LeaseRequest.of("slow", false)).map(Optional::orElseThrow)
                        .compose(first -> store.requeueExpired(FAR_FUTURE).map(expired -> {
                            assertThat(expired.requeued()).containsExactly(first.id());
                            return first;
                        }))
                        .compose(first -> store.lease(LeaseRequest.of("fast", false)).map(Optional::orElseThrow)
                                .compose(rerun -> {
                                    assertThat(rerun.id()).isEqualTo(first.id());
                                    assertThat(rerun.attempt()).isEqualTo(2);
                                    return store.complete(rerun.id(), "fast", 2, "{\"mse\":0.25}");
                                })
                                .compose(fast -> {
                                    assertThat(fast).isEqualTo(Completion.RECORDED);
                                    return store.complete(first.id(), "slow", 1, "{\"mse\":0.5}");
                                })
                                .compose(slow -> {
                                    assertThat(slow).isEqualTo(Completion.DUPLICATE);
                                    return store.complete(first.id(), "fast", 2, "{\"mse\":0.25}");
                                })
                                .compose(again -> {
                                    assertThat(again).isEqualTo(Completion.DUPLICATE);
                                    return store.results(submitted.id());
                                })))
                .map(results -> {
                    assertThat(results).singleElement().satisfies(result -> {
                        assertThat(result.worker()).isEqualTo("fast");
                        assertThat(result.attempt()).isEqualTo(2);
                        assertThat(result.resultJson()).isEqualTo("{\"mse\":0.25}");
                    });
                    return results;
                }));
    }

    @Test
    void aSlowWorkerThatFinishesBeforeTheRerunWinsAndTheRerunLearnsItLostTheLease(VertxTestContext ctx) {
        verify(ctx, store.submit(draft("slow first", task("work")))
                .compose(submitted -> store.lease(LeaseRequest.of("slow", false)).map(Optional::orElseThrow))
                .compose(first -> store.requeueExpired(FAR_FUTURE)
                        .compose(expired -> store.lease(LeaseRequest.of("rerun", false)))
                        .compose(rerun -> store.complete(first.id(), "slow", 1, "{\"by\":\"slow\"}"))
                        .compose(slow -> {
                            assertThat(slow).isEqualTo(Completion.RECORDED);
                            return store.heartbeat(first.id(), "rerun", 2);
                        })
                        .compose(beat -> {
                            assertThat(beat).isEqualTo(Heartbeat.LOST);
                            return store.complete(first.id(), "rerun", 2, "{\"by\":\"rerun\"}");
                        })
                        .compose(rerun -> {
                            assertThat(rerun).isEqualTo(Completion.DUPLICATE);
                            return store.result(first.id());
                        }))
                .map(result -> assertThat(result.orElseThrow().resultJson()).isEqualTo("{\"by\":\"slow\"}")));
    }

    @Test
    void concurrentCompletionsOfOneTaskRecordExactlyOneResult(VertxTestContext ctx) {
        verify(ctx, store.submit(draft("duplicates", task("work"), task("after").withDependsOn("work")))
                .compose(submitted -> store.lease(LeaseRequest.of("w", false)).map(Optional::orElseThrow)
                        .compose(leased -> {
                            List<Future<Completion>> completions = IntStream.range(0, 12)
                                    .mapToObj(i -> store.complete(leased.id(), "w", 1, "{\"copy\":" + i + "}"))
                                    .toList();
                            return Future.all(completions).map(all -> completions.stream().map(Future::result).toList());
                        })
                        .compose(outcomes -> {
                            assertThat(outcomes).filteredOn(Completion.RECORDED::equals).hasSize(1);
                            assertThat(outcomes).filteredOn(Completion.DUPLICATE::equals).hasSize(11);
                            return store.results(submitted.id());
                        })
                        .compose(results -> {
                            assertThat(results).hasSize(1);
                            return tasksByKey(submitted.id());
                        }))
                .map(tasks -> {
                    assertThat(tasks.get("work").state()).isEqualTo(TaskState.DONE);
                    assertThat(tasks.get("after").state()).isEqualTo(TaskState.QUEUED);
                    return tasks;
                }));
    }

    @Test
    void completingReleasesDependentsOnlyWhenAllTheirDependenciesAreDoneAndThenFinishesTheExperiment(
            VertxTestContext ctx) {
        ExperimentDraft draft = draft("graph",
                task("discover"), task("train-1").withDependsOn("discover"), task("train-2").withDependsOn("discover"),
                task("report").withDependsOn("train-1", "train-2"));
        verify(ctx, store.submit(draft).compose(submitted -> {
            String id = submitted.id();
            return runNext("discover")
                    .compose(none -> states(id))
                    .compose(states -> {
                        assertThat(states).containsExactly(
                                entry("discover", TaskState.DONE), entry("train-1", TaskState.QUEUED),
                                entry("train-2", TaskState.QUEUED), entry("report", TaskState.WAITING));
                        return runNext("train-1");
                    })
                    .compose(none -> states(id))
                    .compose(states -> {
                        assertThat(states.get("report")).as("one dependency still running").isEqualTo(TaskState.WAITING);
                        return runNext("train-2");
                    })
                    .compose(none -> states(id))
                    .compose(states -> {
                        assertThat(states.get("report")).isEqualTo(TaskState.QUEUED);
                        return store.experiment(id);
                    })
                    .compose(unfinished -> {
                        assertThat(unfinished.state()).isEqualTo(ExperimentState.ACTIVE);
                        return runNext("report");
                    })
                    .compose(none -> store.experiment(id))
                    .compose(finished -> {
                        assertThat(finished.state()).isEqualTo(ExperimentState.DONE);
                        assertThat(finished.experiment().finishedAt()).isPresent();
                        assertThat(finished.tasks().count(TaskState.DONE)).isEqualTo(4);
                        return store.results(id);
                    })
                    .map(results -> assertThat(results).extracting(Result::resultJson).containsExactly(
                            "{\"key\":\"discover\"}", "{\"key\":\"train-1\"}", "{\"key\":\"train-2\"}",
                            "{\"key\":\"report\"}"));
        }));
    }

    @Test
    void aReleasedTaskKeepsItsSubmissionsQueueOrderInsteadOfGoingToTheBack(Vertx vertx, VertxTestContext ctx) {
        ExperimentDraft draft = draft("in order", task("discover"), task("train").withDependsOn("discover"),
                task("xgboost"));
        verify(ctx, store.submit(draft)
                .compose(submitted -> pause(vertx, 5))
                .compose(none -> runNext("discover"))
                .compose(none -> pause(vertx, 5))
                .compose(none -> runNext("train"))
                .compose(none -> runNext("xgboost")));
    }

    @Test
    void aResultForACancelledTaskIsDiscarded(VertxTestContext ctx) {
        verify(ctx, store.submit(draft("discarded", task("work")))
                .compose(submitted -> store.lease(LeaseRequest.of("w", false)).map(Optional::orElseThrow)
                        .compose(leased -> store.cancel(submitted.id())
                                .compose(cancelled -> store.complete(leased.id(), "w", 1, "{}")))
                        .compose(completion -> {
                            assertThat(completion).isEqualTo(Completion.DISCARDED);
                            return store.results(submitted.id());
                        }))
                .map(results -> {
                    assertThat(results).isEmpty();
                    return results;
                }));
    }

    @Test
    void aCompletionForAnAttemptThatWasNeverLeasedFails(VertxTestContext ctx) {
        verify(ctx, store.submit(draft("bogus", task("work")))
                .compose(submitted -> store.lease(LeaseRequest.of("w", false)).map(Optional::orElseThrow))
                .compose(leased -> store.complete(leased.id(), "w", 2, "{}").transform(completion -> {
                    assertThat(completion.cause())
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("attempt 2")
                            .hasMessageContaining(leased.id());
                    return store.result(leased.id());
                }))
                .map(result -> {
                    assertThat(result).isEmpty();
                    return result;
                }));
    }

    // ---- retries and failure --------------------------------------------------------------

    @Test
    void expiredLeasesAreRequeuedUntilTheAttemptsRunOutThenTheTaskFailsAndItsDependentsAreCancelled(
            VertxTestContext ctx) {
        ExperimentDraft draft = draft("flaky",
                task("work").withMaxAttempts(2), task("next").withDependsOn("work"), task("last").withDependsOn("next"),
                task("independent"));
        verify(ctx, store.submit(draft).compose(submitted -> {
            String id = submitted.id();
            return store.lease(LeaseRequest.of("w1", false))
                    .compose(first -> store.requeueExpired(Instant.now().minusSeconds(60)))
                    .compose(notYet -> {
                        assertThat(notYet.isEmpty()).as("leases are not expired before their time").isTrue();
                        return store.requeueExpired(FAR_FUTURE);
                    })
                    .compose(expired -> {
                        assertThat(expired.requeued()).hasSize(1);
                        assertThat(expired.failed()).isEmpty();
                        return tasksByKey(id);
                    })
                    .compose(tasks -> {
                        Task work = tasks.get("work");
                        assertThat(work.state()).isEqualTo(TaskState.QUEUED);
                        assertThat(work.attempt()).isEqualTo(1);
                        assertThat(work.error().orElseThrow()).contains("lease expired on attempt 1 of 2");
                        return store.lease(LeaseRequest.of("w2", false)).map(Optional::orElseThrow);
                    })
                    .compose(second -> {
                        assertThat(second.key()).as("the retry goes ahead of newer work").isEqualTo("work");
                        assertThat(second.attempt()).isEqualTo(2);
                        return store.requeueExpired(FAR_FUTURE).map(expired -> {
                            assertThat(expired.requeued()).isEmpty();
                            assertThat(expired.failed()).containsExactly(second.id());
                            return second;
                        });
                    })
                    .compose(second -> tasksByKey(id))
                    .compose(tasks -> {
                        Task work = tasks.get("work");
                        assertThat(work.state()).isEqualTo(TaskState.FAILED);
                        assertThat(work.attempt()).isEqualTo(2);
                        assertThat(work.error().orElseThrow()).contains("lease expired on attempt 2 of 2", "w2");
                        assertThat(tasks.get("next").state()).isEqualTo(TaskState.CANCELLED);
                        assertThat(tasks.get("last").state()).isEqualTo(TaskState.CANCELLED);
                        assertThat(tasks.get("last").error().orElseThrow()).contains("'work' failed");
                        assertThat(tasks.get("independent").state()).isEqualTo(TaskState.QUEUED);
                        return runNext("independent");
                    })
                    .compose(none -> store.experiment(id))
                    .map(finished -> {
                        assertThat(finished.state()).isEqualTo(ExperimentState.FAILED);
                        assertThat(finished.tasks().count(TaskState.FAILED)).isEqualTo(1);
                        assertThat(finished.tasks().count(TaskState.CANCELLED)).isEqualTo(2);
                        assertThat(finished.tasks().count(TaskState.DONE)).isEqualTo(1);
                        return finished;
                    });
        }));
    }

    @Test
    void reportedFailuresAreRetriedUpToMaxAttemptsAndStaleReportsAreIgnored(VertxTestContext ctx) {
        verify(ctx, store.submit(draft("failing", task("work").withMaxAttempts(3)))
                .compose(submitted -> failOnce("w1", 1)
                        .compose(first -> {
                            assertThat(first).isEqualTo(FailureOutcome.REQUEUED);
                            return tasksByKey(submitted.id());
                        })
                        .compose(tasks -> {
                            Task work = tasks.get("work");
                            assertThat(work.state()).isEqualTo(TaskState.QUEUED);
                            assertThat(work.error()).as("the error is kept for the retry")
                                    .contains("attempt 1 diverged: loss is NaN");
                            return store.fail(work.id(), "w1", 1, "late duplicate report");
                        })
                        .compose(stale -> {
                            assertThat(stale).as("the attempt already ended").isEqualTo(FailureOutcome.IGNORED);
                            return failOnce("w2", 2);
                        })
                        .compose(second -> {
                            assertThat(second).isEqualTo(FailureOutcome.REQUEUED);
                            return failOnce("w3", 3);
                        })
                        .compose(third -> {
                            assertThat(third).isEqualTo(FailureOutcome.FAILED);
                            return store.experiment(submitted.id());
                        })
                        .compose(experiment -> {
                            assertThat(experiment.state()).isEqualTo(ExperimentState.FAILED);
                            return tasksByKey(submitted.id());
                        }))
                .map(tasks -> {
                    Task work = tasks.get("work");
                    assertThat(work.state()).isEqualTo(TaskState.FAILED);
                    assertThat(work.attempt()).isEqualTo(3);
                    assertThat(work.error()).contains("attempt 3 diverged: loss is NaN");
                    return work;
                }));
    }

    // ---- cancel and delete ----------------------------------------------------------------

    @Test
    void cancelStopsEveryUnfinishedTaskAndTellsRunningWorkersAtTheirNextHeartbeat(VertxTestContext ctx) {
        ExperimentDraft draft = draft("cancelled",
                task("done"), task("running"), task("queued"), task("waiting").withDependsOn("queued"));
        verify(ctx, store.submit(draft).compose(submitted -> {
            String id = submitted.id();
            return runNext("done")
                    .compose(none -> store.lease(LeaseRequest.of("busy", false)).map(Optional::orElseThrow))
                    .compose(running -> store.cancel(id)
                            .compose(cancelled -> {
                                assertThat(cancelled.state()).isEqualTo(ExperimentState.CANCELLED);
                                assertThat(cancelled.experiment().finishedAt()).isPresent();
                                return store.heartbeat(running.id(), "busy", 1);
                            })
                            .compose(beat -> {
                                assertThat(beat).isEqualTo(Heartbeat.CANCELLED);
                                return states(id);
                            }))
                    .compose(states -> {
                        assertThat(states).containsExactly(
                                entry("done", TaskState.DONE), entry("running", TaskState.CANCELLED),
                                entry("queued", TaskState.CANCELLED), entry("waiting", TaskState.CANCELLED));
                        return store.lease(LeaseRequest.of("idle", true));
                    })
                    .compose(nothing -> {
                        assertThat(nothing).isEmpty();
                        return store.cancel(id);
                    })
                    .compose(again -> {
                        assertThat(again.state()).as("cancelling twice changes nothing").isEqualTo(ExperimentState.CANCELLED);
                        return store.results(id);
                    })
                    .map(results -> assertThat(results).extracting(Result::resultJson)
                            .containsExactly("{\"key\":\"done\"}"));
        }));
    }

    @Test
    void deleteRemovesTheExperimentAndEverythingOfItButNothingElse(VertxTestContext ctx) {
        verify(ctx, store.submit(draft("doomed", task("a"), task("b").withDependsOn("a")))
                .compose(doomed -> store.submit(draft("kept", task("k"))).map(kept -> List.of(doomed, kept)))
                .compose(both -> {
                    ExperimentSummary doomed = both.get(0);
                    return runNext("a")
                            .compose(none -> store.tasks(doomed.id(), Page.first(10)))
                            .compose(tasks -> store.appendProgress(new ProgressPoint(tasks.get(0).id(), "loss", 1, 0.5))
                                    .compose(none -> store.delete(doomed.id()))
                                    .compose(none -> store.task(tasks.get(0).id()).transform(gone -> {
                                        assertThat(gone.cause()).isInstanceOf(NoSuchElementException.class);
                                        return store.experiment(doomed.id());
                                    })))
                            .transform(gone -> {
                                assertThat(gone.cause()).isInstanceOf(NoSuchElementException.class)
                                        .hasMessageContaining(doomed.id());
                                return store.experiments(Page.first(10));
                            });
                })
                .compose(left -> {
                    assertThat(left).extracting(summary -> summary.experiment().name()).containsExactly("kept");
                    return store.taskCounts();
                })
                .map(counts -> {
                    assertThat(counts.total()).isEqualTo(1);
                    assertThat(counts.count(TaskState.QUEUED)).isEqualTo(1);
                    return counts;
                }));
    }

    // ---- reads ----------------------------------------------------------------------------

    @Test
    void listingsPageThroughExperimentsNewestFirstAndTasksInDraftOrder(Vertx vertx, VertxTestContext ctx) {
        List<TaskDraft> many = IntStream.range(0, 25).mapToObj(i -> task("t" + i)).toList();
        verify(ctx, store.submit(draft("first", task("a")))
                .compose(first -> pause(vertx, 5).compose(none -> store.submit(new ExperimentDraft("second", "{}", many))))
                .compose(second -> pause(vertx, 5).compose(none -> store.submit(draft("third", task("a"), task("b"))))
                        .map(third -> second))
                .compose(second -> store.experiments(Page.first(2))
                        .compose(page -> {
                            assertThat(page).extracting(summary -> summary.experiment().name())
                                    .containsExactly("third", "second");
                            assertThat(page.get(1).tasks().count(TaskState.QUEUED)).isEqualTo(25);
                            return store.experiments(Page.first(2).next());
                        })
                        .compose(page -> {
                            assertThat(page).extracting(summary -> summary.experiment().name()).containsExactly("first");
                            assertThat(page.get(0).tasks().total()).isEqualTo(1);
                            return store.tasks(second.id(), new Page(10, 10));
                        })
                        .compose(page -> {
                            assertThat(page).extracting(Task::key)
                                    .containsExactlyElementsOf(IntStream.range(10, 20).mapToObj(i -> "t" + i).toList());
                            return store.tasks(second.id(), new Page(20, 10));
                        })
                        .compose(last -> {
                            assertThat(last).hasSize(5);
                            return store.taskCounts();
                        }))
                .map(counts -> {
                    assertThat(counts.count(TaskState.QUEUED)).isEqualTo(28);
                    assertThat(counts.total()).isEqualTo(28);
                    return counts;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"experiment", "cancel", "delete", "tasks", "results", "progress", "task", "result", "heartbeat",
        "complete", "fail", "appendProgress"})
    void unknownIdsFailNamingTheId(String operation, VertxTestContext ctx) {
        String unknown = "00000000-0000-0000-0000-00000000abcd";
        Future<?> attempt = switch (operation) {
            case "experiment" -> store.experiment(unknown);
            case "cancel" -> store.cancel(unknown);
            case "delete" -> store.delete(unknown);
            case "tasks" -> store.tasks(unknown, Page.first(10));
            case "results" -> store.results(unknown);
            case "progress" -> store.progress(unknown);
            case "task" -> store.task(unknown);
            case "result" -> store.result(unknown);
            case "heartbeat" -> store.heartbeat(unknown, "w", 1);
            case "complete" -> store.complete(unknown, "w", 1, "{}");
            case "fail" -> store.fail(unknown, "w", 1, "boom");
            case "appendProgress" -> store.appendProgress(new ProgressPoint(unknown, "loss", 1, 1));
            default -> throw new IllegalArgumentException(operation);
        };
        verify(ctx, attempt.transform(outcome -> {
            assertThat(outcome.failed()).as(operation + " of an unknown id").isTrue();
            assertThat(outcome.cause()).isInstanceOf(NoSuchElementException.class).hasMessageContaining(unknown);
            return Future.succeededFuture();
        }));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "blank worker       | '' | 1 | {}       | worker",
        "attempt 0          | w  | 0 | {}       | attempt",
        "result not JSON    | w  | 1 | {oops    | resultJson",
    })
    void invalidArgumentsFailTheFutureNamingTheArgument(
            String situation, String worker, int attempt, String resultJson, String field, VertxTestContext ctx) {
        verify(ctx, store.complete("some-task", worker, attempt, resultJson).transform(outcome -> {
            assertThat(outcome.cause()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(field);
            return Future.succeededFuture();
        }));
    }

    // ---- progress -------------------------------------------------------------------------

    @Test
    void progressCurvesStaySummarizedToABoundedNumberOfEvenlySpreadPoints(VertxTestContext ctx) {
        int arrived = 450;
        verify(ctx, store.submit(draft("curves", task("train"), task("other")))
                .compose(submitted -> store.tasks(submitted.id(), Page.first(10)).compose(tasks -> {
                    String train = tasks.get(0).id();
                    Future<Void> appended = Future.succeededFuture();
                    for (int epoch = 0; epoch < arrived; epoch++) {
                        int x = epoch;
                        appended = appended.compose(none -> store.appendProgress(new ProgressPoint(train, "train_loss", x, 1.0 / (x + 1))));
                    }
                    return appended
                            .compose(none -> store.appendProgress(new ProgressPoint(train, "best_mse", 0, 0.9)))
                            .compose(none -> store.appendProgress(new ProgressPoint(tasks.get(1).id(), "train_loss", 0, 2.0)))
                            .compose(none -> store.progress(submitted.id()))
                            .map(curves -> {
                                assertThat(curves).extracting(ProgressSummary::series)
                                        .containsExactly("best_mse", "train_loss", "train_loss");
                                ProgressSummary loss = curves.get(1);
                                assertThat(loss.taskId()).isEqualTo(train);
                                List<Double> xs = loss.points().stream().map(CurvePoint::x).toList();
                                assertThat(xs.size()).isBetween(ProgressSummary.MAX_POINTS / 2, ProgressSummary.MAX_POINTS);
                                assertThat(xs.get(0)).as("the first point is kept").isEqualTo(0.0);
                                assertThat(xs.get(xs.size() - 1)).as("the latest point is kept").isEqualTo(arrived - 1.0);
                                assertThat(loss.stride()).isEqualTo(4);
                                assertThat(xs.subList(0, xs.size() - 1))
                                        .as("all but the latest lie on the stride")
                                        .allSatisfy(x -> assertThat(x % loss.stride()).isZero());
                                assertThat(xs).isSorted();
                                assertThat(loss.points().get(1).y()).isEqualTo(1.0 / 5);
                                assertThat(curves.get(0).points()).containsExactly(new CurvePoint(0, 0.9));
                                return curves;
                            });
                })));
    }

    @ParameterizedTest(name = "{0} points")
    @CsvSource({"1, 1, 1", "200, 1, 200", "201, 2, 101", "202, 2, 102", "203, 2, 102", "401, 4, 101"})
    void theSummaryRuleKeepsEveryStrideThPointPlusTheLatest(int arrived, long stride, int kept, VertxTestContext ctx) {
        verify(ctx, store.submit(draft("rule", task("train")))
                .compose(submitted -> store.tasks(submitted.id(), Page.first(1)).compose(tasks -> {
                    Future<Void> appended = Future.succeededFuture();
                    for (int i = 0; i < arrived; i++) {
                        int x = i;
                        appended = appended.compose(none -> store.appendProgress(new ProgressPoint(tasks.get(0).id(), "y", x, x)));
                    }
                    return appended.compose(none -> store.progress(submitted.id()));
                }))
                .map(curves -> {
                    ProgressSummary curve = curves.get(0);
                    assertThat(curve.stride()).isEqualTo(stride);
                    assertThat(curve.points()).hasSize(kept);
                    assertThat(curve.points().get(kept - 1).x()).isEqualTo(arrived - 1.0);
                    return curve;
                }));
    }

    // ---- restart and migrations -----------------------------------------------------------

    @Test
    void aReopenedStoreSeesTheSameStateAndNeverLeasesAFinishedTaskAgain(Vertx vertx, VertxTestContext ctx) {
        verify(ctx, store.submit(draft("survivor", task("done"), task("queued"), task("after").withDependsOn("done", "queued")))
                .compose(submitted -> runNext("done")
                        .compose(none -> store.close())
                        .compose(closed -> Store.open(vertx, config))
                        .compose(reopened -> {
                            store = reopened;
                            return store.experiment(submitted.id());
                        })
                        .compose(summary -> {
                            assertThat(summary.tasks().count(TaskState.DONE)).isEqualTo(1);
                            assertThat(summary.tasks().count(TaskState.QUEUED)).isEqualTo(1);
                            assertThat(summary.tasks().count(TaskState.WAITING)).isEqualTo(1);
                            return leaseKeys(LeaseRequest.of("after-restart", false), 2);
                        })
                        .compose(keys -> {
                            assertThat(keys).containsExactly("queued", null);
                            return store.results(submitted.id());
                        }))
                .map(results -> assertThat(results).extracting(Result::resultJson).containsExactly("{\"key\":\"done\"}")));
    }

    @Test
    void migrationsAreAppliedOnceAndReopeningIsIdempotent(Vertx vertx, VertxTestContext ctx) {
        Pool raw = config.pool(vertx);
        verify(ctx, store.submit(draft("kept", task("a")))
                .compose(none -> Store.open(vertx, config)).compose(Store::close)
                .compose(none -> Migrations.bundled(config.clock()).apply(raw, config.dialect()))
                .compose(version -> {
                    assertThat(version).isEqualTo(Migrations.bundled(config.clock()).all().size());
                    return raw.withTransaction(conn -> conn.query("SELECT version FROM schema_version ORDER BY version").execute());
                })
                .compose(rows -> {
                    List<Integer> versions = new ArrayList<>();
                    rows.forEach(row -> versions.add(row.getInteger("version")));
                    int latest = Migrations.bundled(config.clock()).all().size();
                    assertThat(versions).containsExactlyElementsOf(IntStream.rangeClosed(0, latest).boxed().toList());
                    return store.experiments(Page.first(10));
                })
                .map(experiments -> assertThat(experiments).hasSize(1))
                .eventually(() -> raw.close()));
    }

    /**
     * Before V4 every task input carried its experiment's whole spec; V4 keeps only the task's
     * own part (the spec stays in the experiment). The spec's name holds the text the
     * migration cuts at, escaped as JSON escapes it, and a data set has a field named task.
     */
    @Test
    void v4TakesTheSpecCopyOutOfOldTaskInputsAndKeepsEverythingElse(Vertx vertx, VertxTestContext ctx) {
        String spec = "{\"name\":\"cut at ,\\\"task\\\":{ here?\",\"datasets\":[{\"name\":\"d\",\"task\":\"auto\"}],"
                + "\"seeds\":[1,2]}";
        String own = "{\"key\":\"train/d/ordinary/10/1\",\"kind\":\"train\",\"dataset\":\"d\",\"seed\":1}";
        String current = "{\"v\":1,\"task\":" + own + "}";
        String noop = "{\"v\":1,\"sleepMs\":5}";
        ExperimentDraft draft = new ExperimentDraft("before v4", spec, List.of(
                TaskDraft.of("old", "train", "{\"v\":1,\"spec\":" + spec + ",\"task\":" + own + "}"),
                TaskDraft.of("current", "train", current), TaskDraft.of("noop", "noop", noop)));
        Migration v4 = Migration.resource(Migrations.FOLDER, "V4__task_input_without_spec.sql");
        Pool raw = config.pool(vertx);
        verify(ctx, store.submit(draft)
                .compose(submitted -> raw.withTransaction(conn -> {
                    Future<Void> chain = Future.succeededFuture();
                    for (String statement : v4.statements()) {
                        chain = chain.compose(none -> conn.query(statement).execute().mapEmpty());
                    }
                    return chain;
                }).compose(migrated -> tasksByKey(submitted.id()))
                        .compose(tasks -> {
                            assertThat(tasks.get("old").inputJson()).isEqualTo(current);
                            assertThat(tasks.get("current").inputJson()).isEqualTo(current);
                            assertThat(tasks.get("noop").inputJson()).isEqualTo(noop);
                            return store.experiment(submitted.id());
                        }))
                .map(summary -> assertThat(summary.experiment().specJson()).isEqualTo(spec))
                .eventually(() -> raw.close()));
    }

    @Test
    void aFailingMigrationRollsBackAndLeavesTheVersionWhereItWas(Vertx vertx, VertxTestContext ctx) {
        int latest = Migrations.bundled(config.clock()).all().size();
        Migration broken = new Migration(latest + 1, "broken", List.of(
                "INSERT INTO experiments (id, name, spec_json, state, created_at) VALUES ('m', 'm', '{}', 'ACTIVE', 0)",
                "SELECT no_such_column FROM experiments"));
        Pool raw = config.pool(vertx);
        List<Migration> withBroken = new ArrayList<>(Migrations.bundled(config.clock()).all());
        withBroken.add(broken);
        verify(ctx, new Migrations(withBroken, config.clock()).apply(raw, config.dialect())
                .transform(applied -> {
                    assertThat(applied.cause()).isInstanceOf(StoreException.class).hasMessageContaining("V" + (latest + 1) + "__broken.sql");
                    return raw.withTransaction(conn -> conn.query("SELECT MAX(version) AS version FROM schema_version").execute());
                })
                .compose(rows -> {
                    assertThat(rows.iterator().next().getInteger("version")).isEqualTo(latest);
                    return store.experiments(Page.first(10));
                })
                .map(experiments -> {
                    assertThat(experiments).as("the migration's insert rolled back").isEmpty();
                    return experiments;
                })
                .eventually(() -> raw.close()));
    }

    @Test
    void aDatabaseMigratedByANewerBuildIsRefused(Vertx vertx, VertxTestContext ctx) {
        Pool raw = config.pool(vertx);
        verify(ctx, raw.withTransaction(conn -> conn
                        .query("INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', 0)")
                        .execute())
                .compose(inserted -> Store.open(vertx, config).transform(opened -> {
                    assertThat(opened.cause()).isInstanceOf(StoreException.class)
                            .hasMessageContaining("version 99");
                    return Future.succeededFuture();
                }))
                .eventually(() -> raw.close()));
    }

    // ---- batches --------------------------------------------------------------------------

    @Test
    void leaseAllAnswersEachAskInOrderWithGpuAsksChoosingFirst(VertxTestContext ctx) {
        verify(ctx, store.submit(draft("mixed", task("cpu-1"), task("gpu-1").withRequiresGpu(true), task("cpu-2"),
                        task("gpu-2").withRequiresGpu(true), task("cpu-3")))
                .compose(submitted -> store.leaseAll(List.of(LeaseRequest.of("c1", false), LeaseRequest.of("g1", true),
                        LeaseRequest.of("c2", false), LeaseRequest.of("g2", true), LeaseRequest.of("g3", true),
                        LeaseRequest.of("c3", false))))
                .compose(leased -> {
                    assertThat(leased).extracting(answer -> answer.stream().findFirst().map(Task::key).orElse(null))
                            .containsExactly("cpu-1", "gpu-1", "cpu-2", "gpu-2", "cpu-3", null);
                    assertThat(leased).allSatisfy(answer -> assertThat(answer).hasSizeLessThanOrEqualTo(1));
                    assertThat(leased).flatExtracting(answer -> answer).allSatisfy(task -> {
                        assertThat(task.state()).isEqualTo(TaskState.RUNNING);
                        assertThat(task.attempt()).isEqualTo(1);
                    });
                    assertThat(leased.get(1).get(0).leaseOwner()).contains("g1");
                    return store.taskCounts();
                })
                .map(counts -> {
                    assertThat(counts.count(TaskState.RUNNING)).isEqualTo(5);
                    assertThat(counts.count(TaskState.QUEUED)).isZero();
                    return counts;
                }));
    }

    @Test
    void concurrentLeaseBatchesFromTwoStoresNeverHandOutATaskTwice(Vertx vertx, VertxTestContext ctx) {
        List<TaskDraft> drafts = IntStream.range(0, 50).mapToObj(i -> task("t" + i)).toList();
        verify(ctx, store.submit(new ExperimentDraft("race", "{}", drafts))
                .compose(submitted -> Store.open(vertx, config))
                .compose(second -> {
                    List<Future<List<List<Task>>>> batches = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        int caller = i;
                        List<LeaseRequest> asks = IntStream.range(0, 4)
                                .mapToObj(j -> LeaseRequest.of("w" + caller + "-" + j, false)).toList();
                        batches.add((i % 2 == 0 ? store : second).leaseAll(asks));
                    }
                    return Future.all(batches).eventually(second::close).map(all -> batches.stream()
                            .flatMap(batch -> batch.result().stream()).flatMap(List::stream).toList());
                })
                .map(leased -> {
                    assertThat(leased).hasSize(32);
                    assertThat(leased.stream().map(Task::id).distinct()).hasSize(32);
                    return leased;
                }));
    }

    @Test
    void completeAllRecordsEachResultOnceAndSaysWhatBecameOfTheOthers(VertxTestContext ctx) {
        verify(ctx, store.submit(draft("batch", task("a"), task("b"), task("c"), task("after").withDependsOn("a", "b")))
                .compose(submitted -> store.leaseAll(List.of(LeaseRequest.of("w", false), LeaseRequest.of("w", false),
                        LeaseRequest.of("w", false))).map(leased -> leased.stream().map(bundle -> bundle.get(0)).toList())
                        .compose(leased -> {
                            Task a = leased.get(0);
                            Task b = leased.get(1);
                            Task c = leased.get(2);
                            return store.completeAll(List.of(
                                            new AttemptResult(a.id(), "w", 1, "{\"key\":\"a\"}"),
                                            new AttemptResult(b.id(), "w", 1, "{\"key\":\"b\"}"),
                                            new AttemptResult(a.id(), "other", 1, "{\"key\":\"again\"}"),
                                            new AttemptResult(c.id(), "w", 2, "{}"),
                                            new AttemptResult("00000000-0000-0000-0000-00000000abcd", "w", 1, "{}")))
                                    .compose(outcomes -> {
                                        assertThat(outcomes).containsExactly(Completion.RECORDED, Completion.RECORDED,
                                                Completion.DUPLICATE, Completion.REJECTED, Completion.DISCARDED);
                                        return store.result(a.id());
                                    })
                                    .compose(result -> {
                                        assertThat(result.orElseThrow().resultJson()).isEqualTo("{\"key\":\"a\"}");
                                        return store.result(c.id());
                                    })
                                    .compose(none -> {
                                        assertThat(none).as("the rejected attempt stored nothing").isEmpty();
                                        return states(submitted.id());
                                    });
                        }))
                .map(states -> {
                    assertThat(states).containsExactly(entry("a", TaskState.DONE), entry("b", TaskState.DONE),
                            entry("c", TaskState.RUNNING), entry("after", TaskState.QUEUED));
                    return states;
                }));
    }

    @Test
    void completeAllFinishesEveryExperimentItsBatchEnds(VertxTestContext ctx) {
        verify(ctx, store.submit(draft("first", task("x")))
                .compose(first -> store.submit(draft("second", task("y"))).map(second -> List.of(first, second)))
                .compose(both -> store.leaseAll(List.of(LeaseRequest.of("w", false), LeaseRequest.of("w", false)))
                        .compose(leased -> store.completeAll(leased.stream().map(bundle -> bundle.get(0))
                                .map(task -> new AttemptResult(task.id(), "w", 1, "{}")).toList()))
                        .compose(outcomes -> {
                            assertThat(outcomes).containsOnly(Completion.RECORDED);
                            return Future.all(both.stream().map(summary -> store.experiment(summary.id())).toList());
                        }))
                .map(summaries -> {
                    assertThat(summaries.<ExperimentSummary>list()).extracting(ExperimentSummary::state)
                            .containsOnly(ExperimentState.DONE);
                    return summaries;
                }));
    }

    // ---- bundles --------------------------------------------------------------------------

    @Test
    void aBundleIsTheOldestTaskThenTheOldestQueuedOfItsExperimentAndKeyUpToItsSize(Vertx vertx, VertxTestContext ctx) {
        LeaseRequest bundleOfThree = LeaseRequest.of("w", false).withBundleSize(3);
        verify(ctx, store.submit(draft("first", task("a0").withBundleKey("k1"), task("a1").withBundleKey("k2"),
                        task("a2").withBundleKey("k1"), task("a3").withBundleKey("k1"), task("a4"),
                        task("a5").withBundleKey("k1")))
                .compose(first -> pause(vertx, 5))
                .compose(paused -> store.submit(draft("second", task("b0").withBundleKey("k1"))))
                .compose(second -> bundleKeys(bundleOfThree, 6))
                .map(bundles -> {
                    // a5 waits behind a2 and a3 (the bundle is full); b0 shares the key but not the experiment.
                    assertThat(bundles).containsExactly(List.of("a0", "a2", "a3"), List.of("a1"), List.of("a4"),
                            List.of("a5"), List.of("b0"), List.of());
                    return bundles;
                }));
    }

    @Test
    void everyAskOfABatchTakesItsFirstTaskInQueueOrderBeforeBundlesFill(VertxTestContext ctx) {
        List<TaskDraft> tasks = IntStream.range(0, 5).mapToObj(i -> task("t" + i).withBundleKey("k")).toList();
        LeaseRequest pair = LeaseRequest.of("w", false).withBundleSize(2);
        verify(ctx, store.submit(new ExperimentDraft("pairs", "{}", tasks))
                .compose(submitted -> store.leaseAll(List.of(pair, pair, pair)))
                .map(bundles -> {
                    // Three slots each get work before any bundle grows.
                    assertThat(bundles).extracting(bundle -> bundle.stream().map(Task::key).toList())
                            .containsExactly(List.of("t0", "t3"), List.of("t1", "t4"), List.of("t2"));
                    assertThat(bundles).flatExtracting(bundle -> bundle).allSatisfy(task -> {
                        assertThat(task.state()).isEqualTo(TaskState.RUNNING);
                        assertThat(task.attempt()).isEqualTo(1);
                        assertThat(task.leaseOwner()).contains("w");
                    });
                    return bundles;
                }));
    }

    @Test
    void concurrentBundleLeasesFromTwoStoresNeverHandOutATaskTwice(Vertx vertx, VertxTestContext ctx) {
        List<TaskDraft> drafts = IntStream.range(0, 60).mapToObj(i -> task("t" + i).withBundleKey("k" + i % 2)).toList();
        verify(ctx, store.submit(new ExperimentDraft("race", "{}", drafts))
                .compose(submitted -> Store.open(vertx, config))
                .compose(second -> {
                    List<Future<List<List<Task>>>> batches = new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        List<LeaseRequest> asks = List.of(LeaseRequest.of("w" + i, false).withBundleSize(5));
                        batches.add((i % 2 == 0 ? store : second).leaseAll(asks));
                    }
                    return Future.all(batches).eventually(second::close).map(all -> batches.stream()
                            .flatMap(batch -> batch.result().stream()).toList());
                })
                .map(bundles -> {
                    assertThat(bundles).allSatisfy(bundle -> {
                        assertThat(bundle).hasSize(5);
                        assertThat(bundle.stream().map(task -> Integer.parseInt(task.key().substring(1)) % 2).distinct())
                                .as("one key per bundle").hasSize(1);
                    });
                    assertThat(bundles.stream().flatMap(List::stream).map(Task::id).distinct()).hasSize(40);
                    return bundles;
                }));
    }

    @Test
    void oneHeartbeatRenewsEveryLeaseOfABundleAndSaysWhichAreNoLongerHeld(Vertx vertx, VertxTestContext ctx) {
        verify(ctx, store.submit(draft("kept", task("a0").withBundleKey("k"), task("a1").withBundleKey("k")))
                .compose(kept -> store.submit(draft("cancelled", task("b0").withBundleKey("k"))))
                .compose(cancelled -> bundleOf(2).compose(kept -> bundleOf(2).map(other -> List.of(kept, other)))
                        .compose(bundles -> {
                            Task a0 = bundles.get(0).get(0);
                            Task a1 = bundles.get(0).get(1);
                            Task b0 = bundles.get(1).get(0);
                            Instant leasedUntil = a1.leaseExpiresAt().orElseThrow();
                            List<Attempt> held = List.of(new Attempt(a0.id(), 1), new Attempt(b0.id(), 1),
                                    new Attempt(a1.id(), 1), new Attempt(a1.id(), 2),
                                    new Attempt("00000000-0000-0000-0000-00000000abcd", 1));
                            return pause(vertx, 20)
                                    .compose(paused -> store.cancel(cancelled.id()))
                                    .compose(done -> store.heartbeatAll("w", held))
                                    .compose(beats -> {
                                        assertThat(beats).containsExactly(Heartbeat.EXTENDED, Heartbeat.CANCELLED,
                                                Heartbeat.EXTENDED, Heartbeat.LOST, Heartbeat.LOST);
                                        return store.heartbeatAll("someone-else", List.of(new Attempt(a0.id(), 1)));
                                    })
                                    .compose(beats -> {
                                        assertThat(beats).containsExactly(Heartbeat.LOST);
                                        return store.task(a1.id());
                                    })
                                    .map(renewed -> {
                                        assertThat(renewed.leaseExpiresAt().orElseThrow()).isAfter(leasedUntil);
                                        return renewed;
                                    });
                        }))
                .compose(renewed -> store.heartbeatAll("w", List.of()))
                .map(none -> {
                    assertThat(none).isEmpty();
                    return none;
                }));
    }

    @Test
    void aLostBundleIsQueuedAgainTaskByTaskAndEachResultIsRecordedOnce(VertxTestContext ctx) {
        verify(ctx, store.submit(draft("lost", task("t0").withBundleKey("k"), task("t1").withBundleKey("k"),
                        task("t2").withBundleKey("k")))
                .compose(submitted -> store.leaseAll(List.of(new LeaseRequest("dies", false, Duration.ofMillis(50), 3)))
                        .compose(lost -> store.requeueExpired(FAR_FUTURE).compose(expired -> {
                            assertThat(expired.requeued()).containsExactlyInAnyOrderElementsOf(
                                    lost.get(0).stream().map(Task::id).toList());
                            return states(submitted.id());
                        }).compose(states -> {
                            assertThat(states.values()).containsOnly(TaskState.QUEUED);
                            return store.leaseAll(List.of(LeaseRequest.of("rerun", false).withBundleSize(3)));
                        }).compose(rerun -> {
                            assertThat(rerun.get(0)).extracting(Task::key).containsExactly("t0", "t1", "t2");
                            assertThat(rerun.get(0)).extracting(Task::attempt).containsOnly(2);
                            List<AttemptResult> results = new ArrayList<>();
                            rerun.get(0).forEach(task -> results.add(new AttemptResult(task.id(), "rerun", 2, "{}")));
                            lost.get(0).forEach(task -> results.add(new AttemptResult(task.id(), "dies", 1, "{}")));
                            return store.completeAll(results);
                        }))
                        .compose(outcomes -> {
                            assertThat(outcomes).containsExactly(Completion.RECORDED, Completion.RECORDED,
                                    Completion.RECORDED, Completion.DUPLICATE, Completion.DUPLICATE, Completion.DUPLICATE);
                            return store.results(submitted.id());
                        }))
                .map(results -> {
                    assertThat(results).hasSize(3).allSatisfy(result -> assertThat(result.worker()).isEqualTo("rerun"));
                    return results;
                }));
    }

    @Test
    void aSingleLeaseRefusesABundleSize(VertxTestContext ctx) {
        verify(ctx, store.lease(LeaseRequest.of("w", false).withBundleSize(2)).transform(refused -> {
            assertThat(refused.cause()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bundleSize");
            return Future.succeededFuture();
        }));
    }

    @Test
    void batchesRefuseBadArgumentsNamingThem(VertxTestContext ctx) {
        List<LeaseRequest> tooMany = IntStream.range(0, Store.MAX_BATCH + 1).mapToObj(i -> LeaseRequest.of("w", false)).toList();
        List<AttemptResult> withNull = new ArrayList<>();
        withNull.add(null);
        verify(ctx, store.leaseAll(tooMany).transform(refused -> {
            assertThat(refused.cause()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requests size");
            return store.completeAll(withNull);
        }).transform(refused -> {
            assertThat(refused.cause()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("results[0]");
            return store.leaseAll(List.of());
        }).map(none -> {
            assertThat(none).isEmpty();
            return none;
        }));
    }

    // ---- helpers --------------------------------------------------------------------------

    static TaskDraft task(String key) {
        return TaskDraft.of(key, "train", INPUT);
    }

    static ExperimentDraft draft(String name, TaskDraft... tasks) {
        return new ExperimentDraft(name, "{\"name\":\"" + name + "\"}", List.of(tasks));
    }

    static Map.Entry<String, TaskState> entry(String key, TaskState state) {
        return Map.entry(key, state);
    }

    /** Completes the test when the chain succeeds, fails it with the chain's failure (assertions included). */
    static void verify(VertxTestContext ctx, Future<?> chain) {
        chain.onComplete(ctx.succeedingThenComplete());
    }

    Future<Map<String, Task>> tasksByKey(String experimentId) {
        return store.tasks(experimentId, Page.first(Page.MAX_LIMIT)).map(tasks -> tasks.stream()
                .collect(Collectors.toMap(Task::key, Function.identity(), (a, b) -> a, LinkedHashMap::new)));
    }

    Future<Map<String, TaskState>> states(String experimentId) {
        return tasksByKey(experimentId).map(tasks -> tasks.values().stream()
                .collect(Collectors.toMap(Task::key, Task::state, (a, b) -> a, LinkedHashMap::new)));
    }

    /** Leases the next task, checks it is {@code key}, and completes it with a result naming it. */
    Future<Void> runNext(String key) {
        return store.lease(LeaseRequest.of("runner", false)).compose(leased -> {
            Task task = leased.orElseThrow(() -> new AssertionError("nothing to lease, expected " + key));
            assertThat(task.key()).isEqualTo(key);
            return store.complete(task.id(), "runner", task.attempt(), "{\"key\":\"" + key + "\"}");
        }).map(completion -> {
            assertThat(completion).isEqualTo(Completion.RECORDED);
            return null;
        });
    }

    /** Leases and fails the only task: checks the lease went to attempt {@code attempt}. */
    Future<FailureOutcome> failOnce(String worker, int attempt) {
        return store.lease(LeaseRequest.of(worker, false)).map(Optional::orElseThrow).compose(leased -> {
            assertThat(leased.attempt()).isEqualTo(attempt);
            return store.fail(leased.id(), worker, attempt, "attempt " + attempt + " diverged: loss is NaN");
        });
    }

    /** The keys of {@code times} successive leases, null for an empty one. */
    Future<List<String>> leaseKeys(LeaseRequest request, int times) {
        List<String> keys = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < times; i++) {
            chain = chain.compose(none -> store.lease(request).map(leased -> {
                keys.add(leased.map(Task::key).orElse(null));
                return null;
            }));
        }
        return chain.map(keys);
    }

    /** The next bundle of up to {@code size} tasks for worker {@code w}. */
    Future<List<Task>> bundleOf(int size) {
        return store.leaseAll(List.of(LeaseRequest.of("w", false).withBundleSize(size))).map(leased -> leased.get(0));
    }

    /** The task keys of {@code times} successive bundles, an empty list for an empty one. */
    Future<List<List<String>>> bundleKeys(LeaseRequest request, int times) {
        List<List<String>> bundles = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < times; i++) {
            chain = chain.compose(none -> store.leaseAll(List.of(request)).map(leased -> {
                bundles.add(leased.get(0).stream().map(Task::key).toList());
                return null;
            }));
        }
        return chain.map(bundles);
    }

    /** Lets the clock move on, so creation times differ. */
    static Future<Void> pause(Vertx vertx, long millis) {
        Promise<Void> waited = Promise.promise();
        vertx.setTimer(millis, timer -> waited.complete());
        return waited.future();
    }
}
