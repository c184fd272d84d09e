package org.taskneurons.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.taskneurons.cluster.Addresses;

/**
 * {@code GET /health}: {@code {status, node, mode, store}}. On a node that serves the API the
 * store counts: it is UP when the coordinator answers a one-row experiment list in time, and
 * the node answers 503 otherwise. A worker node has no store and is UP while it answers.
 */
final class Health {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final CoordinatorCalls coordinator;
    private final WebConfig config;

    Health(CoordinatorCalls coordinator, WebConfig config) {
        this.coordinator = coordinator;
        this.config = config;
    }

    void handle(RoutingContext ctx) {
        JsonObject status = new JsonObject().put("node", config.nodeName()).put("mode", config.mode());
        if (!config.servesApi()) {
            ctx.json(status.put("status", "UP"));
            return;
        }
        coordinator.request(Addresses.API_EXPERIMENTS, new JsonObject().put("offset", 0).put("limit", 1), PROBE_TIMEOUT)
                .onComplete(probe -> {
                    boolean up = probe.succeeded();
                    ctx.response().setStatusCode(up ? 200 : 503);
                    ctx.json(status.put("status", up ? "UP" : "DOWN").put("store", up ? "UP" : "DOWN"));
                });
    }
}
