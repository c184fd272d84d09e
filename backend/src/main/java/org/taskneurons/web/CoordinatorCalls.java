package org.taskneurons.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.taskneurons.cluster.Addresses;

/**
 * Requests to the coordinator's {@code tn.api.*} handlers, for REST calls and {@code --submit}.
 * A refusal becomes an {@link HttpFailure} with the coordinator's code and JSON body; a missing
 * or silent coordinator becomes 503 or 504, an answer that is not a JSON object 502 (its type
 * goes to the log, not to the client).
 */
final class CoordinatorCalls {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorCalls.class);

    private final Vertx vertx;
    private final Duration timeout;

    CoordinatorCalls(Vertx vertx, Duration timeout) {
        this.vertx = vertx;
        this.timeout = timeout;
    }

    /** The answer to {@code request} (which gets the version field) on {@code address}. */
    Future<JsonObject> request(String address, JsonObject request) {
        return request(address, request, timeout);
    }

    Future<JsonObject> request(String address, JsonObject request, Duration wait) {
        JsonObject versioned = request.copy().put("v", Addresses.VERSION);
        return vertx.eventBus()
                .<Object>request(address, versioned, new DeliveryOptions().setSendTimeout(wait.toMillis()))
                .map(CoordinatorCalls::bodyOf)
                .recover(failure -> Future.failedFuture(translate(address, failure, wait)));
    }

    private static JsonObject bodyOf(Message<Object> reply) {
        Object body = reply.body();
        if (body instanceof JsonObject json) {
            return json;
        }
        if (body instanceof String text) {
            return new JsonObject(text);
        }
        LOG.warn("the coordinator answered {} with {}", reply.address(), body == null ? "nothing" : body.getClass().getName());
        throw HttpFailure.of(502, "the coordinator's answer is not a JSON object");
    }

    static Throwable translate(String address, Throwable failure, Duration wait) {
        if (!(failure instanceof ReplyException reply)) {
            return failure;
        }
        return switch (reply.failureType()) {
            case NO_HANDLERS -> HttpFailure.of(503, "no coordinator answers " + address + " (is the scheduler running?)");
            case TIMEOUT -> HttpFailure.of(504, "the coordinator did not answer " + address + " within " + wait.toSeconds() + " s");
            default -> refusal(reply);
        };
    }

    /** The coordinator's own refusal: its code (when HTTP-like) and its JSON error object. */
    private static HttpFailure refusal(ReplyException reply) {
        int status = reply.failureCode() >= 400 && reply.failureCode() <= 599 ? reply.failureCode() : 500;
        String message = reply.getMessage();
        if (message != null && message.startsWith("{")) {
            try {
                return HttpFailure.withBody(status, new JsonObject(message));
            } catch (DecodeException notJson) {
                // A plain message that happens to start with a brace: sent on as text below.
            }
        }
        return HttpFailure.of(status, message == null ? "the coordinator refused the request" : message);
    }
}
