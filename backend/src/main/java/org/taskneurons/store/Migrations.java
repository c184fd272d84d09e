package org.taskneurons.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.List;

/**
 * Brings a database's schema up to date: applies, in order, each migration whose version is
 * above the highest in {@code schema_version}, each in its own transaction together with the
 * row that records it.
 *
 * <p>Two coordinators starting at once against one PostgreSQL database take turns: each
 * migration's transaction first locks the row of version 0, then re-reads the version, so
 * the second finds the work done. H2 commits DDL implicitly, so there a migration that fails
 * half-way may leave the DDL before the failure; migrations therefore use {@code IF NOT EXISTS}
 * wherever they can, and rerunning one completes it. Data changes roll back on both.
 */
final class Migrations {

    static final String FOLDER = "org/taskneurons/store/migrations/";

    /** Every migration of this build, oldest first; a class-path folder cannot be listed inside a jar. */
    private static final List<String> FILES = List.of("V1__init.sql", "V2__task_order_indexes.sql", "V3__drop_short_queue_index.sql",
            "V4__task_input_without_spec.sql", "V5__task_bundles.sql");

    private static final String CREATE_VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_version (
              version INTEGER PRIMARY KEY,
              description VARCHAR(200) NOT NULL,
              applied_at BIGINT NOT NULL
            )""";
    private static final String INSERT_VERSION =
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String LOCK_VERSIONS = "SELECT version FROM schema_version WHERE version = 0 FOR UPDATE";
    private static final String CURRENT_VERSION = "SELECT MAX(version) AS version FROM schema_version";

    private final List<Migration> migrations;
    private final Clock clock;

    Migrations(List<Migration> migrations, Clock clock) {
        this.migrations = List.copyOf(migrations);
        this.clock = clock;
        for (int i = 0; i < this.migrations.size(); i++) {
            if (this.migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migration " + (i + 1) + " has version "
                        + this.migrations.get(i).version() + ": versions must run 1, 2, 3, ... without gaps");
            }
        }
    }

    /** The migrations that ship with this build. */
    static Migrations bundled(Clock clock) {
        return new Migrations(FILES.stream().map(file -> Migration.resource(FOLDER, file)).toList(), clock);
    }

    List<Migration> all() {
        return migrations;
    }

    /** Applies what is missing; succeeds with the schema's version afterwards. */
    Future<Integer> apply(Pool pool, SqlDialect dialect) {
        Future<Integer> chain = createVersionTable(pool, dialect)
                .compose(none -> pool.withTransaction(Migrations::currentVersion))
                .compose(this::requireKnown);
        for (Migration migration : migrations) {
            chain = chain.compose(none -> pool.withTransaction(conn -> applyIfMissing(conn, dialect, migration)));
        }
        return chain.compose(none -> pool.withTransaction(Migrations::currentVersion));
    }

    private Future<Void> createVersionTable(Pool pool, SqlDialect dialect) {
        return pool.withTransaction(conn -> conn.query(CREATE_VERSION_TABLE).execute()
                .compose(none -> conn.preparedQuery(dialect.sql(INSERT_VERSION))
                        .execute(Tuple.of(0, "schema_version", clock.millis())))
                .mapEmpty());
    }

    private Future<Integer> requireKnown(int version) {
        if (version > migrations.size()) {
            return Future.failedFuture(new StoreException("database schema is at version " + version
                    + ", newer than this build knows (" + migrations.size() + "): upgrade Task Neurons"));
        }
        return Future.succeededFuture(version);
    }

    private Future<Integer> applyIfMissing(SqlConnection conn, SqlDialect dialect, Migration migration) {
        return conn.query(LOCK_VERSIONS).execute()
                .compose(locked -> currentVersion(conn))
                .compose(version -> version >= migration.version()
                        ? Future.succeededFuture(version)
                        : run(conn, dialect, migration));
    }

    private Future<Integer> run(SqlConnection conn, SqlDialect dialect, Migration migration) {
        Future<Void> chain = Future.succeededFuture();
        for (String statement : migration.statements()) {
            chain = chain.compose(none -> conn.query(statement).execute().mapEmpty());
        }
        return chain
                .compose(none -> conn.preparedQuery(dialect.sql(INSERT_VERSION))
                        .execute(Tuple.of(migration.version(), migration.description(), clock.millis())))
                .map(inserted -> migration.version())
                .recover(failure -> Future.failedFuture(
                        new StoreException("migration " + migration.fileName() + " failed: " + failure.getMessage(), failure)));
    }

    private static Future<Integer> currentVersion(SqlConnection conn) {
        return conn.query(CURRENT_VERSION).execute()
                .map(rows -> rows.iterator().next().getInteger("version"));
    }
}
