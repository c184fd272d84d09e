package org.taskneurons.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading migrations; applying them is part of {@link StoreContractTest}, on both databases. */
class MigrationTest {

    @Test
    void scriptsSplitAtLineEndingSemicolonsWithoutComments() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE a (
                  id INTEGER PRIMARY KEY
                );

                CREATE INDEX IF NOT EXISTS a_id ON a (id);
                INSERT INTO a VALUES (1)
                """;
        assertThat(Migration.statements(script)).containsExactly(
                "CREATE TABLE a (\nid INTEGER PRIMARY KEY\n)",
                "CREATE INDEX IF NOT EXISTS a_id ON a (id)",
                "INSERT INTO a VALUES (1)");
    }

    @Test
    void theBundledMigrationsAreNumberedFromOneAndCreateEveryTable() {
        List<Migration> bundled = Migrations.bundled(Clock.systemUTC()).all();
        assertThat(bundled).extracting(Migration::version).startsWith(1);
        assertThat(bundled.get(0).fileName()).isEqualTo("V1__init.sql");
        assertThat(String.join("\n", bundled.get(0).statements()))
                .contains("experiments", "tasks", "task_dependencies", "results", "progress_series", "progress_points");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"V1_init.sql", "v1__init.sql", "V0__init.sql", "V1__init.SQL"})
    void fileNamesMustSayTheirVersion(String fileName) {
        assertThatThrownBy(() -> Migration.resource(Migrations.FOLDER, fileName))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(fileName);
    }

    @Test
    void versionsMustRunWithoutGaps() {
        Migration first = new Migration(1, "one", List.of("SELECT 1"));
        Migration third = new Migration(3, "three", List.of("SELECT 1"));
        assertThatThrownBy(() -> new Migrations(List.of(first, third), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("migration 2 has version 3");
    }

    @Test
    void aMissingResourceIsAStoreError() {
        assertThatThrownBy(() -> Migration.resource(Migrations.FOLDER, "V9__missing.sql"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("V9__missing.sql");
    }
}
