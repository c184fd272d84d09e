package org.taskneurons.store;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The little that differs between the two Vert.x SQL clients the store runs on: H2 through
 * vertx-jdbc-client (each statement a blocking JDBC call on a worker thread) and PostgreSQL
 * through vertx-pg-client (the wire protocol on the event loop, no worker-thread hop per
 * statement). The store's SQL is written once, with JDBC's {@code ?} placeholders.
 */
enum SqlDialect {
    /** JDBC: {@code ?} placeholders; a batch answers one row per statement holding its update count. */
    H2 {
        @Override
        String sql(String text) {
            return text;
        }

        @Override
        List<Integer> updateCounts(RowSet<Row> batch) {
            List<Integer> counts = new ArrayList<>();
            batch.forEach(row -> counts.add(row.getInteger(0)));
            return counts;
        }
    },

    /** PostgreSQL's protocol: {@code $1, $2, ...} placeholders; a batch answers a chain of row sets, one per statement. */
    POSTGRES {
        @Override
        String sql(String text) {
            return numberPlaceholders(text);
        }

        @Override
        List<Integer> updateCounts(RowSet<Row> batch) {
            List<Integer> counts = new ArrayList<>();
            for (RowSet<Row> statement = batch; statement != null; statement = statement.next()) {
                counts.add(statement.rowCount());
            }
            return counts;
        }
    };

    /** The statement in this dialect's placeholder syntax. */
    abstract String sql(String text);

    /** Each statement's update count, in order, from the answer to {@code executeBatch}. */
    abstract List<Integer> updateCounts(RowSet<Row> batch);

    /**
     * {@code ?} to {@code $1, $2, ...} in order. The store's SQL has no {@code ?} inside
     * string literals or identifiers, so every one is a placeholder.
     */
    static String numberPlaceholders(String text) {
        StringBuilder numbered = new StringBuilder(text.length() + 16);
        int next = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '?') {
                numbered.append('$').append(next++);
            } else {
                numbered.append(c);
            }
        }
        return numbered.toString();
    }
}
