package org.taskneurons.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlDialectTest {

    @Test
    void postgresNumbersThePlaceholdersInOrderAndH2KeepsThem() {
        String sql = "UPDATE tasks SET lease_expires_at = ? + lease_ms WHERE id IN (?, ?) AND state = 'RUNNING'";

        assertThat(SqlDialect.POSTGRES.sql(sql))
                .isEqualTo("UPDATE tasks SET lease_expires_at = $1 + lease_ms WHERE id IN ($2, $3) AND state = 'RUNNING'");
        assertThat(SqlDialect.H2.sql(sql)).isSameAs(sql);
    }

    @Test
    void aStatementWithoutPlaceholdersIsUnchanged() {
        assertThat(SqlDialect.POSTGRES.sql("SELECT state, COUNT(*) FROM tasks GROUP BY state"))
                .isEqualTo("SELECT state, COUNT(*) FROM tasks GROUP BY state");
    }

    @Test
    void placeholdersPastTheNinthGetWholeNumbers() {
        String many = "INSERT INTO t VALUES (" + "?, ".repeat(10) + "?)";
        assertThat(SqlDialect.POSTGRES.sql(many)).endsWith("$10, $11)");
    }
}
