package dev.forensics.store.llmcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.internal.Sha256;
import dev.forensics.store.testing.SettableClock;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmCacheDaoTest {
    @TempDir
    Path dir;

    @Test
    void aPutEntryIsAHitKeyedByTheSha256OfTheUrl() {
        try (var repo = new Repository(TestFiles.migrated(dir))) {
            repo.llmCache().put("https://a.example/1", "{\"sentiment\":\"neutral\"}", "model-a");
            CachedAnalysis hit = repo.llmCache().get("https://a.example/1").orElseThrow();
            assertThat(hit.urlHash()).isEqualTo(Sha256.hex("https://a.example/1"));
            assertThat(hit.analysisJson()).isEqualTo("{\"sentiment\":\"neutral\"}");
            assertThat(hit.model()).isEqualTo("model-a");
        }
    }

    @Test
    void anUnknownUrlIsAMiss() {
        try (var repo = new Repository(TestFiles.migrated(dir))) {
            assertThat(repo.llmCache().get("https://a.example/never")).isEmpty();
        }
    }

    @Test
    void aChangeOfModelIsAMissNotAStaleHit() {
        try (var repo = new Repository(TestFiles.migrated(dir))) {
            repo.llmCache().put("https://a.example/1", "{}", "model-a");
            assertThat(repo.llmCache().get("https://a.example/1", "model-a")).isPresent();
            assertThat(repo.llmCache().get("https://a.example/1", "model-b")).isEmpty();
        }
    }

    @Test
    void putReplacesOnlyTheEntryOfTheSameModel() {
        try (var repo = new Repository(TestFiles.migrated(dir))) {
            repo.llmCache().put("https://a.example/1", "{\"v\":1}", "model-a");
            repo.llmCache().put("https://a.example/1", "{\"v\":2}", "model-b");
            repo.llmCache().put("https://a.example/1", "{\"v\":3}", "model-b");
            assertThat(repo.llmCache().stats().entries()).isEqualTo(2);
            assertThat(repo.llmCache().get("https://a.example/1", "model-a"))
                    .get()
                    .extracting(CachedAnalysis::analysisJson)
                    .isEqualTo("{\"v\":1}");
            assertThat(repo.llmCache().get("https://a.example/1", "model-b"))
                    .get()
                    .extracting(CachedAnalysis::analysisJson)
                    .isEqualTo("{\"v\":3}");
        }
    }

    @Test
    void deleteOfAUrlRemovesEveryModelsEntryAndSaysHowMany() {
        try (var repo = new Repository(TestFiles.migrated(dir))) {
            repo.llmCache().put("https://a.example/1", "{}", "model-a");
            repo.llmCache().put("https://a.example/1", "{}", "model-b");
            repo.llmCache().put("https://a.example/2", "{}", "model-a");
            assertThat(repo.llmCache().delete("https://a.example/1")).isEqualTo(2);
            assertThat(repo.llmCache().delete("https://a.example/1")).isZero();
            assertThat(repo.llmCache().get("https://a.example/1")).isEmpty();
            assertThat(repo.llmCache().get("https://a.example/2")).isPresent();
        }
    }

    @Test
    void deleteOfAUrlAndModelRemovesOnlyThatEntry() {
        try (var repo = new Repository(TestFiles.migrated(dir))) {
            repo.llmCache().put("https://a.example/1", "{}", "model-a");
            repo.llmCache().put("https://a.example/1", "{}", "model-b");
            assertThat(repo.llmCache().delete("https://a.example/1", "model-a")).isTrue();
            assertThat(repo.llmCache().delete("https://a.example/1", "model-a")).isFalse();
            assertThat(repo.llmCache().get("https://a.example/1", "model-a")).isEmpty();
            assertThat(repo.llmCache().get("https://a.example/1", "model-b")).isPresent();
        }
    }

    @Test
    void getWithoutAModelReturnsTheMostRecentlyCachedEntryOfAnyModel() {
        var clock = new SettableClock(Instant.parse("2024-01-01T00:00:00Z"));
        try (var repo =
                new Repository(TestFiles.migrated(dir), StoreOptions.defaults().withClock(clock))) {
            repo.llmCache().put("https://a.example/1", "{\"by\":\"b\"}", "model-b");
            clock.set(Instant.parse("2024-01-02T00:00:00Z"));
            repo.llmCache().put("https://a.example/1", "{\"by\":\"a\"}", "model-a");
            assertThat(repo.llmCache().get("https://a.example/1"))
                    .get()
                    .extracting(CachedAnalysis::model)
                    .isEqualTo("model-a");
            clock.set(Instant.parse("2024-01-03T00:00:00Z"));
            repo.llmCache().put("https://a.example/1", "{\"by\":\"b2\"}", "model-b");
            assertThat(repo.llmCache().get("https://a.example/1"))
                    .get()
                    .extracting(CachedAnalysis::analysisJson)
                    .isEqualTo("{\"by\":\"b2\"}");
        }
    }

    @Test
    void pruneRemovesOnlyEntriesOlderThanTheCutoff() {
        var clock = new SettableClock(Instant.parse("2024-01-01T00:00:00Z"));
        try (var repo =
                new Repository(TestFiles.migrated(dir), StoreOptions.defaults().withClock(clock))) {
            repo.llmCache().put("https://a.example/old", "{}");
            clock.set(Instant.parse("2024-03-01T00:00:00Z"));
            repo.llmCache().put("https://a.example/new", "{}");
            assertThat(repo.llmCache().prune(Duration.ofDays(30))).isEqualTo(1);
            assertThat(repo.llmCache().get("https://a.example/old")).isEmpty();
            assertThat(repo.llmCache().get("https://a.example/new")).isPresent();
        }
    }

    @Test
    void statsCountEntriesBytesAndEntriesPerModelAndSpanTheirAges() {
        Instant at = Instant.parse("2024-05-01T12:00:00Z");
        try (var repo = new Repository(
                TestFiles.migrated(dir), StoreOptions.defaults().withClock(Clock.fixed(at, ZoneOffset.UTC)))) {
            CacheStats empty = repo.llmCache().stats();
            assertThat(empty.entries()).isZero();
            assertThat(empty.oldest()).isNull();
            repo.llmCache().put("https://a.example/1", "{}", "model-a");
            repo.llmCache().put("https://a.example/2", "{\"é\":1}", "model-b");
            repo.llmCache().put("https://a.example/3", "{}", "model-b");
            CacheStats stats = repo.llmCache().stats();
            assertThat(stats.entries()).isEqualTo(3);
            assertThat(stats.bytes()).as("UTF-8 bytes of the JSON").isEqualTo(2 + 8 + 2);
            assertThat(stats.entriesByModel()).containsExactly(Map.entry("model-a", 1L), Map.entry("model-b", 2L));
            assertThat(stats.models()).isEqualTo(2);
            assertThat(stats.oldest()).isEqualTo(at);
            assertThat(stats.newest()).isEqualTo(at);
            assertThat(stats.freePages()).isNotNull();
        }
    }
}
