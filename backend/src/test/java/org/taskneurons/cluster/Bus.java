package org.taskneurons.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Blocking calls on the event bus for tests that read as a sequence of steps. */
final class Bus {
    private Bus() {
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A tn.api.* request's reply. */
    static JsonObject call(Vertx vertx, String address, JsonObject request) {
        return await(vertx.eventBus().<JsonObject>request(address, request.copy().put("v", 1))).body();
    }

    /** A tn.api.* request that must fail; its failure. */
    static ReplyException failure(Vertx vertx, String address, JsonObject request) {
        try {
            call(vertx, address, request);
        } catch (ReplyException e) {
            return e;
        }
        return fail("expected " + address + " to fail for " + request);
    }

    static JsonObject submitNoop(Vertx vertx, int tasks, long sleepMs) {
        JsonObject reply = call(vertx, Addresses.API_SUBMIT,
                new JsonObject().put("noop", new JsonObject().put("tasks", tasks).put("sleepMs", sleepMs)));
        return reply.getJsonObject("experiment");
    }

    /** Polls the experiment's summary until it matches, failing after the timeout. */
    static JsonObject awaitExperiment(Vertx vertx, String id, Predicate<JsonObject> condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        JsonObject summary = null;
        while (System.nanoTime() < end) {
            summary = call(vertx, Addresses.API_EXPERIMENT, new JsonObject().put("id", id)).getJsonObject("experiment");
            if (condition.test(summary)) {
                return summary;
            }
            sleep(50);
        }
        assertThat(condition.test(summary)).as("experiment %s after %s: %s", id, timeout, summary).isTrue();
        return summary;
    }

    static JsonObject awaitState(Vertx vertx, String id, String state, Duration timeout) {
        return awaitExperiment(vertx, id, summary -> state.equals(summary.getString("state")), timeout);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
