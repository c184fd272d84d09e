package org.taskneurons.store;

import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the store lives and how it connects: H2 through vertx-jdbc-client, PostgreSQL
 * through vertx-pg-client (its own wire protocol on the event loop; the JDBC-style URL only
 * names the database).
 *
 * @param jdbcUrl     a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
 * @param user        database user; empty for H2's default
 * @param password    database password; empty for none
 * @param maxPoolSize connections kept open, in [1, 100]; for H2 keep it below the Vert.x worker
 *                    pool size (20 by default): the JDBC client runs each statement on a worker
 *                    thread, and a statement waiting for a row lock keeps its thread
 * @param clock       the time the store stamps on rows and measures leases against
 */
public record StoreConfig(String jdbcUrl, String user, String password, int maxPoolSize, Clock clock) {

    public static final int DEFAULT_POOL_SIZE = 8;

    /**
     * H2 reads the one schema's SQL as PostgreSQL does: lower-case names and NULLs sorted
     * last. Lock waits are long enough for a burst of concurrent leases to queue on one row
     * instead of failing. Every commit reaches the file before it returns ({@code WRITE_DELAY=0}):
     * with H2's default of 500 ms, a coordinator killed with SIGKILL lost results it had
     * already acknowledged, and their tasks ran again after the restart. H2's own shutdown hook
     * is off ({@code DB_CLOSE_ON_EXIT=FALSE}): on SIGTERM it closed the database while the
     * server's hook was still stopping the verticles that use it; the store closes it itself
     * (the file closes with the pool's last connection).
     */
    private static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

    /** JDBC driver parameters with a PostgreSQL equivalent that vertx-pg-client reads. */
    private static final Map<String, String> JDBC_PARAMETERS = Map.of(
            "currentSchema", "search_path", "ApplicationName", "application_name");
    /** URI parameters vertx-pg-client reads into its connect options rather than into startup parameters. */
    private static final Set<String> CONNECT_PARAMETERS = Set.of("host", "hostaddr", "port", "dbname", "user", "password", "sslmode");

    public StoreConfig {
        Require.present("jdbcUrl", jdbcUrl);
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "jdbcUrl is neither H2 nor PostgreSQL: '" + Require.abbreviate(jdbcUrl) + "'");
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            postgresOptions(jdbcUrl);
        }
        Require.present("user", user);
        Require.present("password", password);
        Require.range("maxPoolSize", maxPoolSize, 1, 100);
        Require.present("clock", clock);
    }

    /**
     * An embedded H2 database in {@code file}; H2 adds {@code .mv.db}, and a name already
     * ending in it is taken as the whole file name.
     */
    public static StoreConfig h2(Path file) {
        String path = Require.present("file", file).toAbsolutePath().toString();
        if (path.endsWith(".mv.db")) {
            path = path.substring(0, path.length() - ".mv.db".length());
        }
        return new StoreConfig("jdbc:h2:file:" + path + H2_SETTINGS, "", "", DEFAULT_POOL_SIZE, Clock.systemUTC());
    }

    /**
     * A PostgreSQL database from a libpq-style URI ({@code postgresql://user:secret@host:5432/db?params})
     * or a JDBC URL ({@code jdbc:postgresql://host:5432/db?params}); user and password come
     * from the URI's user info when it has them.
     */
    public static StoreConfig postgres(String uri) {
        return postgres(uri, null, null);
    }

    /** As {@link #postgres(String)}, with user and password overriding the URI's where not null. */
    public static StoreConfig postgres(String uri, String user, String password) {
        Require.text("uri", uri, 2000);
        if (uri.startsWith("jdbc:postgresql:")) {
            return new StoreConfig(uri, orEmpty(user), orEmpty(password), DEFAULT_POOL_SIZE, Clock.systemUTC());
        }
        URI parsed = parse(uri);
        String[] userInfo = parsed.getRawUserInfo() == null ? new String[0] : parsed.getRawUserInfo().split(":", 2);
        String jdbcUrl = "jdbc:postgresql://" + parsed.getRawAuthority().replaceFirst("^.*@", "")
                + (parsed.getRawPath() == null ? "" : parsed.getRawPath())
                + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery());
        return new StoreConfig(
                jdbcUrl,
                user != null ? user : userInfo.length > 0 ? decode(userInfo[0]) : "",
                password != null ? password : userInfo.length > 1 ? decode(userInfo[1]) : "",
                DEFAULT_POOL_SIZE,
                Clock.systemUTC());
    }

    public StoreConfig withMaxPoolSize(int size) {
        return new StoreConfig(jdbcUrl, user, password, size, clock);
    }

    public boolean isH2() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /** How this database spells placeholders and answers batches. */
    SqlDialect dialect() {
        return isH2() ? SqlDialect.H2 : SqlDialect.POSTGRES;
    }

    /**
     * A new connection pool; nothing connects until the first query.
     *
     * @throws IllegalArgumentException when the PostgreSQL URL has a parameter the client does not know
     */
    Pool pool(Vertx vertx) {
        PoolOptions pooling = new PoolOptions().setMaxSize(maxPoolSize);
        if (isH2()) {
            JDBCConnectOptions connect = new JDBCConnectOptions().setJdbcUrl(jdbcUrl);
            if (!user.isEmpty()) {
                connect.setUser(user);
            }
            if (!password.isEmpty()) {
                connect.setPassword(password);
            }
            return JDBCPool.pool(vertx, connect, pooling);
        }
        PgConnectOptions connect = postgresOptions(jdbcUrl).setCachePreparedStatements(true);
        // The client logs every server notice as a warning; the migrations' CREATE ... IF NOT
        // EXISTS would print one per existing table at every start.
        connect.getProperties().putIfAbsent("client_min_messages", "warning");
        if (!user.isEmpty()) {
            connect.setUser(user);
        }
        if (!password.isEmpty()) {
            connect.setPassword(password);
        }
        return PgBuilder.pool().with(pooling).connectingTo(connect).using(vertx).build();
    }

    /**
     * The PostgreSQL client's options for a {@code jdbc:postgresql:} URL. The JDBC driver's
     * {@code currentSchema} and {@code ApplicationName} become PostgreSQL's {@code search_path}
     * and {@code application_name}; any other parameter the client would silently drop (it
     * ignores what it does not know, and a schema quietly ignored puts the store in another
     * one) is refused, naming it.
     */
    static PgConnectOptions postgresOptions(String jdbcUrl) {
        String uri = jdbcUrl.substring("jdbc:".length());
        int query = uri.indexOf('?');
        List<String> names = new ArrayList<>();
        if (query >= 0) {
            List<String> parameters = new ArrayList<>();
            for (String parameter : uri.substring(query + 1).split("&")) {
                int equals = parameter.indexOf('=');
                String name = decode(equals < 0 ? parameter : parameter.substring(0, equals));
                String renamed = JDBC_PARAMETERS.getOrDefault(name, name);
                names.add(renamed);
                parameters.add(renamed + (equals < 0 ? "" : parameter.substring(equals)));
            }
            uri = uri.substring(0, query) + "?" + String.join("&", parameters);
        }
        PgConnectOptions options;
        try {
            options = PgConnectOptions.fromUri(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jdbcUrl is not a PostgreSQL URL: '" + Require.abbreviate(jdbcUrl) + "' ("
                    + e.getMessage() + ")", e);
        }
        for (String name : names) {
            if (!name.isEmpty() && !CONNECT_PARAMETERS.contains(name) && !options.getProperties().containsKey(name)) {
                throw new IllegalArgumentException("jdbcUrl parameter '" + name + "' is not one the PostgreSQL client reads"
                        + " (it takes sslmode, search_path, application_name, options and PostgreSQL's other"
                        + " startup parameters): '" + Require.abbreviate(jdbcUrl) + "'");
            }
        }
        return options;
    }

    /** Without the password, so a config can be logged. */
    @Override
    public String toString() {
        return "StoreConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", maxPoolSize=" + maxPoolSize + "]";
    }

    private static URI parse(String uri) {
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("uri is not a URI: '" + Require.abbreviate(uri) + "'", e);
        }
        if (!"postgresql".equals(parsed.getScheme()) && !"postgres".equals(parsed.getScheme())) {
            throw new IllegalArgumentException(
                    "uri is neither postgresql:// nor jdbc:postgresql: '" + Require.abbreviate(uri) + "'");
        }
        if (parsed.getRawAuthority() == null || parsed.getHost() == null) {
            throw new IllegalArgumentException("uri has no host: '" + Require.abbreviate(uri) + "'");
        }
        return parsed;
    }

    /** Percent-decoding only: in user info a '+' is a plus, not a space as in forms. */
    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
