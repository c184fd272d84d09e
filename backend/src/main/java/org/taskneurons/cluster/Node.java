package org.taskneurons.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.taskneurons.store.Store;

/**
 * One Task Neurons node on a Vert.x instance (clustered or local): the scheduler and the API
 * when it is a standalone or coordinator node (the store opened, migrated and resumed from),
 * and a worker when it has task slots or GPUs. Meters go to the given registry.
 */
public final class Node {
    private final Vertx vertx;
    private final NodeConfig config;
    private final Store store;
    private final List<String> deployments;

    private Node(Vertx vertx, NodeConfig config, Store store, List<String> deployments) {
        this.vertx = vertx;
        this.config = config;
        this.store = store;
        this.deployments = List.copyOf(deployments);
    }

    /**
     * Deploys this node's verticles on {@code vertx}: the scheduler and API handlers when the
     * mode is not WORKER (opening the store, running its migrations and carrying on from what
     * it holds), workers when there are slots or GPUs. Fails, with everything it started undone,
     * when any part fails.
     */
    public static Future<Node> deploy(Vertx vertx, NodeConfig config, MeterRegistry registry) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        WireCodec.registerAll(vertx.eventBus());
        List<String> deployed = new ArrayList<>();
        Future<Store> opened = config.mode().isScheduler()
                ? Store.open(vertx, config.store(), new SearchGrowth(config.maxAttempts()))
                : Future.succeededFuture(null);
        return opened.compose(store -> {
            Future<Void> scheduler = store == null
                    ? Future.succeededFuture()
                    : vertx.deployVerticle(new CoordinatorVerticle(config, store, registry)).map(id -> {
                        deployed.add(id);
                        return null;
                    });
            return scheduler
                    .compose(started -> config.hasWorkers()
                            ? vertx.deployVerticle(new WorkerVerticle(config, registry)).map(id -> {
                                deployed.add(id);
                                return null;
                            })
                            : Future.<Void>succeededFuture())
                    .map(started -> new Node(vertx, config, store, deployed))
                    .recover(e -> new Node(vertx, config, store, deployed).close()
                            .transform(closed -> Future.failedFuture(e)));
        });
    }

    public NodeConfig config() {
        return config;
    }

    /**
     * Stops the workers (their running tasks stop at the next check and their leases simply
     * expire) and the scheduler, then closes the store; the data stays.
     */
    public Future<Void> close() {
        Future<Void> undeployed = Future.succeededFuture();
        for (int i = deployments.size() - 1; i >= 0; i--) {
            String id = deployments.get(i);
            undeployed = undeployed.transform(previous -> vertx.undeploy(id));
        }
        return undeployed.transform(done -> {
            Future<Void> closed = store == null ? Future.succeededFuture() : store.close();
            return done.failed() ? closed.transform(ignored -> Future.failedFuture(done.cause())) : closed;
        });
    }
}
