package com.example.scraper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forensics.store.Repository;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.ingest.IngestSummary;
import dev.forensics.store.testing.SettableClock;
import dev.forensics.store.testing.StoreExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The scraper's own tests, each on a fresh migrated database from forensics-store's StoreExtension. */
@ExtendWith(StoreExtension.class)
class ScrapeStoreTest {
    private static final String SCRAPE = """
            {"url": "https://news.example/1", "title": "One", "author": "Jane Doe", "published_at": "2024-05-01T12:00:00Z", "body": "first"}
            {"url": "https://news.example/2", "title": "Two", "author": "Zoë O'Brien", "body": "second"}
            """;

    @Test
    void loadsAScrapeOnceAndSkipsItsUrlsTheSecondTime(Path db, Repository repo, @TempDir Path dir) throws IOException {
        Path scrape = Files.writeString(dir.resolve("scrape.jsonl"), SCRAPE);

        IngestSummary first = ScrapeStore.load(db, scrape);
        IngestSummary second = ScrapeStore.load(db, scrape);

        assertEquals(2, first.inserted());
        assertEquals(2, second.skipped());
        assertEquals(2, repo.articles().count());
        assertTrue(repo.authors().findBySlug("zoe-o-brien").isPresent());
    }

    @Test
    void analysesEachArticleOnceAndServesTheCachedAnalysisAfterwards(Repository repo) {
        long author = repo.authors().upsert("jane-doe", "Jane Doe");
        repo.articles().upsert(new NewArticle("https://news.example/1", author, "One", null, "body text"));
        AtomicInteger calls = new AtomicInteger();

        String first = ScrapeStore.analysis(
                repo,
                "https://news.example/1",
                "gpt-x/prompt-7",
                body -> "{\"words\": " + body.split(" ").length + ", \"call\": " + calls.incrementAndGet() + "}");
        String second =
                ScrapeStore.analysis(repo, "https://news.example/1", "gpt-x/prompt-7", body -> "{\"never\": true}");

        assertEquals("{\"words\": 2, \"call\": 1}", first);
        assertEquals(first, second);
        assertEquals(1, calls.get());
    }

    @Test
    void cachedAnalysesCarryTheTestClocksTime(Repository repo, SettableClock clock) {
        clock.set(Instant.parse("2024-06-01T00:00:00Z"));
        repo.llmCache().put("https://news.example/1", "{}", "gpt-x/prompt-7");
        clock.advance(Duration.ofDays(40));

        assertEquals(1, repo.llmCache().prune(Duration.ofDays(30)));
    }

    @Test
    void prepareCreatesAndMigratesANewFile(@TempDir Path dir) {
        Path db = dir.resolve("scrapes.db");

        ScrapeStore.prepare(db);

        try (Repository repo = new Repository(db)) {
            assertEquals(0, repo.articles().count());
        }
    }
}
