package dev.forensics.store.llmcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Database;
import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.internal.Sha256;
import dev.forensics.store.postgres.PostgresDatabase;
import dev.forensics.store.schema.Migrator;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.EmbeddedPostgresServer;
import dev.forensics.store.testing.TestDatabase.Vendor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A database written by the previous release (schema V3: one entry per URL) upgraded to V4 ((URL, model) keys). The V3
 * key allows one entry per URL, so the fixture holds two models on two URLs (and a third URL with no model); the test
 * first shows that V3 refuses a second model of a URL, then that V4 keeps every entry with its model and takes a
 * second model of the same URL beside the first.
 */
class LlmCacheUpgradeTest {
    private static final String V3_INSERT =
            "INSERT INTO llm_cache (url_hash, url, model, analysis_json, cached_at) VALUES (?, ?, ?, ?, ?)";
    private static final List<Entry> V3_ENTRIES = List.of(
            new Entry("https://a.example/1", "model-a", "{\"verdict\":\"credible\"}", "2024-01-01T00:00:00.000000000Z"),
            new Entry(
                    "https://a.example/2",
                    "model-b",
                    "{\"verdict\":\"dubious\",\"note\":\"é€\"}",
                    "2024-02-01T00:00:00.000000000Z"),
            new Entry("https://a.example/3", "", "{}", "2024-03-01T00:00:00.000000000Z"));

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aVersion3CacheUpgradesWithEveryEntryKeptUnderItsModel(Vendor vendor) throws SQLException {
        Database database = unmigrated(vendor);
        try {
            Flyway.configure(Migrator.class.getClassLoader())
                    .dataSource(database.migration().migrationDataSource())
                    .locations(Migrator.LOCATION + database.migration().vendor())
                    .target("3")
                    .loggers("slf4j")
                    .load()
                    .migrate();
            try (Connection v3 = database.migration().migrationDataSource().getConnection()) {
                for (Entry entry : V3_ENTRIES) {
                    insertV3(v3, entry);
                }
                assertThatThrownBy(() -> insertV3(
                                v3,
                                new Entry("https://a.example/1", "model-b", "{}", "2024-04-01T00:00:00.000000000Z")))
                        .as("V3's key is the URL alone: a second model of a URL cannot be cached beside the first")
                        .isInstanceOf(SQLException.class);
            }

            Repository.migrate(database);

            try (var repo = new Repository(database)) {
                for (Entry entry : V3_ENTRIES) {
                    assertThat(repo.llmCache().get(entry.url(), entry.model()))
                            .as(entry.url())
                            .contains(new CachedAnalysis(
                                    Sha256.hex(entry.url()),
                                    entry.url(),
                                    entry.model(),
                                    entry.json(),
                                    Instant.parse(entry.cachedAt())));
                }
                assertThat(repo.llmCache().get("https://a.example/1", "model-b"))
                        .isEmpty();
                CacheStats stats = repo.llmCache().stats();
                assertThat(stats.entries()).isEqualTo(3);
                assertThat(stats.bytes())
                        .isEqualTo(V3_ENTRIES.stream()
                                .mapToLong(e -> e.json().getBytes(StandardCharsets.UTF_8).length)
                                .sum());
                assertThat(stats.entriesByModel()).isEqualTo(Map.of("model-a", 1L, "model-b", 1L, "", 1L));

                repo.llmCache().put("https://a.example/1", "{\"verdict\":\"satire\"}", "model-b");
                assertThat(repo.llmCache().get("https://a.example/1", "model-a"))
                        .get()
                        .extracting(CachedAnalysis::analysisJson)
                        .isEqualTo("{\"verdict\":\"credible\"}");
                assertThat(repo.llmCache().get("https://a.example/1", "model-b"))
                        .get()
                        .extracting(CachedAnalysis::analysisJson)
                        .isEqualTo("{\"verdict\":\"satire\"}");
                assertThat(repo.llmCache().stats().entries()).isEqualTo(4);
            }
        } finally {
            if (database instanceof PostgresDatabase pg) {
                pg.close();
            }
        }
    }

    private Database unmigrated(Vendor vendor) {
        StoreOptions options = StoreOptions.defaults();
        return vendor == Vendor.SQLITE
                ? new SqliteDatabase(dir.resolve("v3.db"), options)
                : PostgresDatabase.open(EmbeddedPostgresServer.newSchemaUrl(), null, null, options);
    }

    private static void insertV3(Connection connection, Entry entry) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(V3_INSERT)) {
            insert.setString(1, Sha256.hex(entry.url()));
            insert.setString(2, entry.url());
            insert.setString(3, entry.model());
            insert.setString(4, entry.json());
            insert.setString(5, entry.cachedAt());
            insert.executeUpdate();
        }
    }

    private record Entry(String url, String model, String json, String cachedAt) {}
}
