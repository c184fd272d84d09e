package org.taskneurons.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreConfigTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "postgresql://tn:tn@127.0.0.1:5432/tn_test                | null | null | jdbc:postgresql://127.0.0.1:5432/tn_test                | tn    | tn",
        "postgres://db.local/tn?currentSchema=s1&sslmode=disable  | null | null | jdbc:postgresql://db.local/tn?currentSchema=s1&sslmode=disable | '' | ''",
        "postgresql://al%40ice:p%3Ass+w@db:6543/tn                | null | null | jdbc:postgresql://db:6543/tn                            | al@ice | p:ss+w",
        "postgresql://tn:tn@db/tn                                 | bob  | pw   | jdbc:postgresql://db/tn                                 | bob   | pw",
        "jdbc:postgresql://db:5432/tn                             | tn   | secret | jdbc:postgresql://db:5432/tn                          | tn    | secret",
    })
    void postgresUrisBecomeJdbcUrlsWithTheirCredentials(
            String uri, String user, String password, String jdbcUrl, String expectedUser, String expectedPassword) {
        StoreConfig config = StoreConfig.postgres(uri, user, password);
        assertThat(config.jdbcUrl()).isEqualTo(jdbcUrl);
        assertThat(config.user()).isEqualTo(expectedUser);
        assertThat(config.password()).isEqualTo(expectedPassword);
        assertThat(config.isH2()).isFalse();
        assertThat(config.toString()).doesNotContain("secret");
    }

    @Test
    void jdbcParametersWithAPostgresEquivalentAreTranslatedAndOthersRefused() {
        StoreConfig config = StoreConfig.postgres("postgresql://db/tn?currentSchema=s1&ApplicationName=tn&sslmode=disable");
        assertThat(StoreConfig.postgresOptions(config.jdbcUrl()).getProperties())
                .containsEntry("search_path", "s1").containsEntry("application_name", "tn");
        assertThatThrownBy(() -> StoreConfig.postgres("postgresql://db/tn?ssl=false"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'ssl' is not one the PostgreSQL client reads");
        assertThatThrownBy(() -> StoreConfig.postgres("jdbc:postgresql://db/tn?search_path=s&reWriteBatchedInserts=true"))
                .hasMessageContaining("parameter 'reWriteBatchedInserts'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"store, /data/store", "store.mv.db, /data/store"})
    void h2FilesAreNamedWithoutTheirExtensionAndReadInPostgresMode(String file, String base) {
        StoreConfig config = StoreConfig.h2(Path.of("/data").resolve(file));
        assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:" + base + ";").contains("MODE=PostgreSQL");
        assertThat(config.isH2()).isTrue();
    }

    @Test
    void defaultsAreAModestPoolAndTheSystemClock() {
        StoreConfig config = StoreConfig.h2(Path.of("store"));
        assertThat(config.maxPoolSize()).isEqualTo(StoreConfig.DEFAULT_POOL_SIZE);
        assertThat(config.clock().getZone().getId()).isEqualTo("Z");
    }
}
