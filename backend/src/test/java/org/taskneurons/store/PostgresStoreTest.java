package org.taskneurons.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL, a new schema per test, dropped afterwards. Runs when
 * {@code TN_TEST_POSTGRES_URL} names a database ({@code source .ci/postgres.sh} starts one
 * and sets it); skipped otherwise.
 */
class PostgresStoreTest extends StoreContractTest {

    static final String URL_VARIABLE = "TN_TEST_POSTGRES_URL";

    private String schema;

    /** Checked per test, so that a run without PostgreSQL reports every one of them as skipped. */
    @Override
    Future<StoreConfig> freshDatabase(Vertx vertx) {
        assumeTrue(url() != null && !url().isBlank(), URL_VARIABLE + " is not set, so the PostgreSQL store tests are"
                + " skipped; run `source .ci/postgres.sh` first to start a local PostgreSQL and set it");
        schema = "tn_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return withAdmin(vertx, admin -> admin.withTransaction(conn -> conn.query("CREATE SCHEMA " + schema).execute()).mapEmpty())
                .map(created -> StoreConfig.postgres(url() + (url().contains("?") ? "&" : "?") + "search_path=" + schema));
    }

    @Override
    Future<Void> dropDatabase(Vertx vertx) {
        if (schema == null) {
            return Future.succeededFuture();
        }
        return withAdmin(vertx, admin -> admin.withTransaction(conn -> conn.query("DROP SCHEMA " + schema + " CASCADE").execute()).mapEmpty());
    }

    @Test
    void aWrongPasswordFailsToOpenNamingTheDatabase(Vertx vertx, VertxTestContext ctx) {
        verify(ctx, Store.postgres(vertx, url(), null, "not-the-password").transform(opened -> {
            assertThat(opened.cause()).isInstanceOf(StoreException.class)
                    .hasMessageContaining("cannot open the store at jdbc:postgresql://")
                    .hasMessageNotContaining("not-the-password");
            return Future.succeededFuture();
        }));
    }

    private static Future<Void> withAdmin(Vertx vertx, Function<Pool, Future<Void>> work) {
        Pool admin = StoreConfig.postgres(url()).withMaxPoolSize(1).pool(vertx);
        return work.apply(admin).eventually(admin::close);
    }

    private static String url() {
        return System.getenv(URL_VARIABLE);
    }
}
