package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.article.Article;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.author.Author;
import dev.forensics.store.llmcache.CachedAnalysis;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text the scraper does not control: quotes, SQL, NUL characters, non-BMP Unicode and 10 MB bodies are stored and
 * read back exactly, and stored as TEXT of exactly their UTF-8 bytes, in every column that takes them (article URL,
 * title and body, author slug and name, cache URL, model and JSON); every value is a bound parameter, never SQL text.
 */
class HostileContentTest {
    private static final String INJECTION = "'; DROP TABLE articles; --";
    private static final String QUOTES = "O'Brien said \"it's \\\"fine\\\"\" `ok` ''";
    private static final String NUL = "before\u0000after\u0000";
    private static final String NON_BMP = "emoji \uD83D\uDE00 math \uD835\uDD38 cjk-ext \uD840\uDC00 zoë 李明";
    private static final List<String> HOSTILE = List.of(INJECTION, QUOTES, NUL, NON_BMP);

    @TempDir
    Path dir;

    private Path db;

    @BeforeEach
    void migrate() {
        db = TestFiles.migrated(dir);
    }

    @Test
    void hostileUrlsTitlesBodiesAndAuthorNamesAreStoredAndReadBackExactly() {
        try (Repository repo = new Repository(db)) {
            for (String text : HOSTILE) {
                String url = "https://hostile.example/" + text;
                long author = repo.authors().upsert("slug-" + text, "Name " + text);
                repo.useTransaction(tx -> tx.articles()
                        .upsert(new NewArticle(url, author, "Title " + text, Instant.EPOCH, "Body " + text)));

                Article article = repo.articles().findByUrl(url).orElseThrow();
                assertThat(article.url()).isEqualTo(url);
                assertThat(article.title()).isEqualTo("Title " + text);
                assertThat(article.body()).isEqualTo("Body " + text);
                assertThat(repo.articles().existsByUrl(url)).isTrue();
                assertThat(repo.articles().findStoredUrls(List.of(url, url + "-other")))
                        .isEqualTo(Set.of(url));
                Author stored = repo.authors().findBySlug("slug-" + text).orElseThrow();
                assertThat(stored.name()).isEqualTo("Name " + text);
                assertStoredAsUtf8Text(
                        "articles", "url", url, Map.of("url", url, "title", "Title " + text, "body", "Body " + text));
                assertStoredAsUtf8Text(
                        "authors", "slug", "slug-" + text, Map.of("slug", "slug-" + text, "name", "Name " + text));
            }
            assertThat(repo.articles().count()).isEqualTo(HOSTILE.size());
        }
        assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
    }

    @Test
    void hostileCacheUrlsModelsAndJsonAreStoredAndReadBackExactly() {
        try (Repository repo = new Repository(db)) {
            for (String text : HOSTILE) {
                String url = "https://hostile.example/" + text;
                String json = "{\"summary\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"raw\":\""
                        + text + "\"}";
                repo.llmCache().put(url, json, "model " + text);

                CachedAnalysis hit = repo.llmCache().get(url, "model " + text).orElseThrow();
                assertThat(hit.url()).isEqualTo(url);
                assertThat(hit.model()).isEqualTo("model " + text);
                assertThat(hit.analysisJson()).isEqualTo(json);
                assertStoredAsUtf8Text(
                        "llm_cache", "url", url, Map.of("url", url, "model", "model " + text, "analysis_json", json));
            }
            assertThat(repo.llmCache().stats().entries()).isEqualTo(HOSTILE.size());
        }
    }

    @Test
    void tenMegabyteBodiesAndAnalysesAreStoredAndReadBackExactly() {
        String tenMegabytes = "0123456789abcdef".repeat(10 * 1024 * 1024 / 16 - 1) + NON_BMP + NUL;
        String url = "https://big.example/" + NON_BMP;
        try (Repository repo = new Repository(db)) {
            long author = repo.authors().upsert("big", "Big Author");
            repo.useTransaction(tx -> tx.articles().upsert(new NewArticle(url, author, "big", null, tenMegabytes)));
            repo.llmCache().put(url, "{\"body\":\"" + tenMegabytes.replace("\u0000", "\\u0000") + "\"}");
        }
        try (Repository reopened = new Repository(db)) {
            Article article = reopened.articles().findByUrl(url).orElseThrow();
            assertThat(article.body().length()).isEqualTo(tenMegabytes.length());
            assertThat(article.body()).isEqualTo(tenMegabytes);
            assertThat(reopened.llmCache().get(url).orElseThrow().analysisJson())
                    .isEqualTo("{\"body\":\"" + tenMegabytes.replace("\u0000", "\\u0000") + "\"}");
        }
        assertStoredAsUtf8Text("articles", "url", url, Map.of("url", url, "body", tenMegabytes));
    }

    @Test
    void anInjectionAttemptLeavesEveryTableInPlace() {
        try (Repository repo = new Repository(db)) {
            long author = repo.authors().upsert(INJECTION, INJECTION);
            repo.articles().upsert(new NewArticle(INJECTION, author, INJECTION, null, INJECTION));
            repo.llmCache().put(INJECTION, INJECTION, INJECTION);
            assertThat(repo.articles().findByUrl(INJECTION)).isPresent();
        }
        assertThat(DatabaseProbe.strings(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
                .contains("articles", "authors", "llm_cache", "flyway_schema_history");
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(1);
    }

    /**
     * Checks that the row of {@code table} whose {@code keyColumn} is {@code key} holds each expected value as a TEXT
     * value of exactly its UTF-8 bytes: read with {@code typeof()} and {@code CAST(… AS BLOB)}, so that no driver
     * decoding is involved (a value stored escaped, re-encoded or as a BLOB that reads back the same still fails).
     */
    private void assertStoredAsUtf8Text(String table, String keyColumn, String key, Map<String, String> expected) {
        try (Repository repo = new Repository(db)) {
            for (Map.Entry<String, String> column : expected.entrySet()) {
                String name = column.getKey();
                List<Map<String, Object>> rows =
                        repo.withHandle(h -> h.createQuery("SELECT typeof(" + name + ") AS type, CAST(" + name
                                        + " AS BLOB) AS bytes FROM " + table + " WHERE " + keyColumn + " = :key")
                                .bind("key", key)
                                .mapToMap()
                                .list());
                assertThat(rows)
                        .as("rows of %s with %s = %s", table, keyColumn, key)
                        .hasSize(1);
                assertThat(rows.get(0).get("type"))
                        .as("storage class of %s.%s", table, name)
                        .isEqualTo("text");
                assertThat((byte[]) rows.get(0).get("bytes"))
                        .as("stored bytes of %s.%s", table, name)
                        .isEqualTo(column.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
