package dev.forensics.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.article.Article;
import dev.forensics.store.sqlite.SqliteDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every article an ingest stores carries the SHA-256 of its body as UTF-8, whichever way it was written: into a new
 * file built aside, into an existing store, in one batch or several, with {@code update} or not. The bodies are hashed
 * on the validation thread and handed to the writer through the spool (ADR-022); this holds them to a digest computed
 * here, independently, from the input's text.
 */
class IngestContentHashTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "existing store: {0}, batch size {1}, update: {2}")
    @CsvSource({"false, 1000, false", "false, 70, false", "true, 1000, false", "true, 70, false", "true, 70, true"})
    void everyStoredBodyHasTheSha256OfItsUtf8Text(boolean existingStore, int batchSize, boolean update)
            throws IOException {
        Path input = JsonLinesFixture.articles(
                dir.resolve("in.jsonl"), "hash.example", 200, i -> i % 3 == 0 ? "Zoë 😀 " + i : "body " + i, "");
        Path db = dir.resolve("store.db");
        if (existingStore) {
            Repository.migrate(db);
        }

        new Ingester(
                        new SqliteDatabase(db, StoreOptions.defaults()),
                        new IngestOptions(batchSize, false, update, false),
                        IngestListener.NONE)
                .ingest(List.of(input));

        try (Repository repo = new Repository(db)) {
            List<Article> stored = IntStream.range(0, 200)
                    .mapToObj(i -> repo.articles()
                            .findByUrl("https://hash.example/" + i)
                            .orElseThrow())
                    .toList();
            assertThat(stored)
                    .allSatisfy(article ->
                            assertThat(article.contentHash()).as(article.url()).isEqualTo(sha256(article.body())));
            assertThat(stored)
                    .filteredOn(article -> article.body().startsWith("Zoë 😀"))
                    .hasSize(67);
        }
    }

    @Test
    void aNewFileWhoseNameAnotherProcessTookMeanwhileGetsTheHashesOfTheRewoundSpool() throws IOException {
        // The build is not published; the spool is read again from its start into the file the rival made (ADR-019).
        Path input = JsonLinesFixture.articles(dir.resolve("in.jsonl"), "hash.example", 1_200, i -> "Zoë 😀 " + i, "");
        Path db = dir.resolve("store.db");
        IngestListener rival = new IngestListener() {
            @Override
            public void writing(long total) {
                Repository.migrate(db);
            }
        };

        IngestSummary summary = new Ingester(
                        new SqliteDatabase(db, StoreOptions.defaults()), new IngestOptions(500, false, false), rival)
                .ingest(List.of(input));

        assertThat(summary.inserted()).isEqualTo(1_200);
        try (Repository repo = new Repository(db)) {
            assertThat(IntStream.range(0, 1_200)
                            .mapToObj(i -> repo.articles()
                                    .findByUrl("https://hash.example/" + i)
                                    .orElseThrow()))
                    .allSatisfy(article ->
                            assertThat(article.contentHash()).as(article.url()).isEqualTo(sha256(article.body())));
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
