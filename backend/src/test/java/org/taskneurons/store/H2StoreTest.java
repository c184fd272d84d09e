package org.taskneurons.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an embedded H2 file, a new file per test. */
class H2StoreTest extends StoreContractTest {

    @TempDir
    Path folder;

    @Override
    Future<StoreConfig> freshDatabase(Vertx vertx) {
        return Future.succeededFuture(StoreConfig.h2(folder.resolve("store")));
    }

    @Override
    Future<Void> dropDatabase(Vertx vertx) {
        return Future.succeededFuture();
    }

    @Test
    void theFactoryCreatesTheFileAndASecondStoreOnItFindsTheData(Vertx vertx, VertxTestContext ctx) {
        Path file = folder.resolve("factory.mv.db");
        verify(ctx, Store.h2(vertx, file)
                .compose(created -> created.submit(draft("kept", task("a"))).eventually(created::close))
                .compose(closed -> {
                    assertThat(file).isRegularFile();
                    return Store.h2(vertx, folder.resolve("factory"));
                })
                .compose(reopened -> reopened.experiments(Page.first(10)).eventually(reopened::close))
                .map(experiments -> {
                    assertThat(experiments).extracting(summary -> summary.experiment().name()).containsExactly("kept");
                    return experiments;
                }));
    }

    @Test
    void aLeaseReadsTheQueueInIndexOrderInsteadOfSortingIt(Vertx vertx, VertxTestContext ctx) {
        Pool raw = config.pool(vertx);
        verify(ctx, raw.withTransaction(conn -> conn.preparedQuery("EXPLAIN " + Leases.CANDIDATES).execute(Tuple.of(false, 9)))
                .map(plan -> {
                    String text = plan.iterator().next().getString(0);
                    assertThat(text).contains("tasks_queue_order").contains("index sorted */");
                    return text;
                })
                .eventually(raw::close));
    }
}
