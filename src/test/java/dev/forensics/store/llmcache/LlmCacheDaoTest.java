package dev.forensics.store.llmcache;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.internal.Sha256;
import dev.forensics.store.testing.SettableClock;
import dev.forensics.store.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

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
    void putReplacesTheEntryForTheSameUrl() {
        try (var repo = new Repository(TestFiles.migrated(dir))) {
            repo.llmCache().put("https://a.example/1", "{\"v\":1}", "model-a");
            repo.llmCache().put("https://a.example/1", "{\"v\":2}", "model-b");
            assertThat(repo.llmCache().stats().entries()).isEqualTo(1);
            assertThat(repo.llmCache().get("https://a.example/1", "model-b")).get()
                    .extracting(CachedAnalysis::analysisJson).isEqualTo("{\"v\":2}");
        }
    }

    @Test
    void deleteRemovesTheEntryAndSaysWhetherThereWasOne() {
        try (var repo = new Repository(TestFiles.migrated(dir))) {
            repo.llmCache().put("https://a.example/1", "{}");
            assertThat(repo.llmCache().delete("https://a.example/1")).isTrue();
            assertThat(repo.llmCache().delete("https://a.example/1")).isFalse();
            assertThat(repo.llmCache().get("https://a.example/1")).isEmpty();
        }
    }

    @Test
    void pruneRemovesOnlyEntriesOlderThanTheCutoff() {
        var clock = new SettableClock(Instant.parse("2024-01-01T00:00:00Z"));
        try (var repo = new Repository(TestFiles.migrated(dir), StoreOptions.defaults().withClock(clock))) {
            repo.llmCache().put("https://a.example/old", "{}");
            clock.set(Instant.parse("2024-03-01T00:00:00Z"));
            repo.llmCache().put("https://a.example/new", "{}");
            assertThat(repo.llmCache().prune(Duration.ofDays(30))).isEqualTo(1);
            assertThat(repo.llmCache().get("https://a.example/old")).isEmpty();
            assertThat(repo.llmCache().get("https://a.example/new")).isPresent();
        }
    }

    @Test
    void statsCountEntriesAndModelsAndSpanTheirAges() {
        Instant at = Instant.parse("2024-05-01T12:00:00Z");
        try (var repo = new Repository(TestFiles.migrated(dir), StoreOptions.defaults().withClock(Clock.fixed(at, ZoneOffset.UTC)))) {
            assertThat(repo.llmCache().stats()).isEqualTo(new CacheStats(0, 0, null, null));
            repo.llmCache().put("https://a.example/1", "{}", "model-a");
            repo.llmCache().put("https://a.example/2", "{}", "model-b");
            repo.llmCache().put("https://a.example/3", "{}", "model-b");
            assertThat(repo.llmCache().stats()).isEqualTo(new CacheStats(3, 2, at, at));
        }
    }
}
