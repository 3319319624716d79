package dev.forensics.store.llmcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.metrics.StoreMetrics;
import dev.forensics.store.testing.SettableClock;
import dev.forensics.store.testing.TestDatabase.Vendor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The LRU size bound (StoreOptions.llmCacheMaxEntries / llmCacheMaxBytes, ADR-013). */
class LlmCacheBoundTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void fiveThousandPutsWithABoundOfAThousandKeepTheBoundAndTheTenHotEntries(Vendor vendor) {
        Counting metrics = new Counting();
        StoreOptions options =
                StoreOptions.defaults().withLlmCacheMaxEntries(1_000).withMetrics(metrics);
        try (var db = vendor.migrated(dir, options);
                var repo = new Repository(db.database())) {
            for (int hot = 0; hot < 10; hot++) {
                repo.llmCache().put(hot(hot), "{\"hot\":" + hot + "}", "model-a");
            }
            long maxSeen = 0;
            for (int i = 0; i < 5_000; i++) {
                repo.llmCache().put("https://cold.example/" + i, "{\"cold\":" + i + "}", "model-a");
                if (i % 10 == 0) {
                    for (int hot = 0; hot < 10; hot++) {
                        assertThat(repo.llmCache().get(hot(hot), "model-a"))
                                .as("hot entry %d after %d puts", hot, i)
                                .isPresent();
                    }
                }
                maxSeen = Math.max(maxSeen, count(repo));
            }
            long slack = 1_000 / 100;
            assertThat(maxSeen).as("entries after any put").isLessThanOrEqualTo(1_000 + slack);
            assertThat(repo.llmCache().stats().entries()).isBetween(1_000L, 1_000 + slack);
            assertThat(IntStream.range(0, 10)
                            .filter(hot ->
                                    repo.llmCache().get(hot(hot), "model-a").isPresent())
                            .count())
                    .as("hot entries kept")
                    .isEqualTo(10);
            assertThat(repo.llmCache().get("https://cold.example/0", "model-a"))
                    .as("an old cold entry")
                    .isEmpty();
            assertThat(metrics.evicted.get())
                    .isEqualTo(5_010 - repo.llmCache().stats().entries());
            assertThat(repo.llmCache().stats().maxEntries())
                    .as("the bound is recorded for cache stats")
                    .isEqualTo(1_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theByteBoundEvictsTheLeastRecentlyUsedUntilTheJsonFits(Vendor vendor) {
        String kilobyte = "{\"pad\":\"" + "x".repeat(1_000 - 10) + "\"}";
        StoreOptions options = StoreOptions.defaults().withLlmCacheMaxBytes(100_000);
        try (var db = vendor.migrated(dir, options);
                var repo = new Repository(db.database())) {
            for (int i = 0; i < 300; i++) {
                repo.llmCache().put("https://a.example/" + i, kilobyte, "model-a");
                assertThat(repo.llmCache().stats().bytes()).isLessThanOrEqualTo(100_000 + 1_000);
            }
            assertThat(repo.llmCache().get("https://a.example/299", "model-a")).isPresent();
            assertThat(repo.llmCache().get("https://a.example/0", "model-a")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void readsAreRecordedInBatchesNotOneWriteTransactionPerGet(Vendor vendor) {
        Counting metrics = new Counting();
        // A clock that stands still: the batch is written by its size here, never by its age (UsageLog.MAX_AGE).
        StoreOptions options = StoreOptions.defaults()
                .withLlmCacheMaxEntries(1_000)
                .withMetrics(metrics)
                .withClock(new SettableClock(Instant.parse("2024-01-01T00:00:00Z")));
        try (var db = vendor.migrated(dir, options);
                var repo = new Repository(db.database())) {
            for (int i = 0; i < UsageLog.MAX_PENDING; i++) {
                repo.llmCache().put("https://a.example/" + i, "{}", "model-a");
            }
            long afterPuts = metrics.transactions.get();
            for (int i = 0; i < UsageLog.MAX_PENDING - 1; i++) {
                repo.llmCache().get("https://a.example/" + i, "model-a");
            }
            assertThat(metrics.transactions.get())
                    .as("transactions during %d gets", UsageLog.MAX_PENDING - 1)
                    .isEqualTo(afterPuts);
            repo.llmCache().get("https://a.example/63", "model-a");
            assertThat(metrics.transactions.get())
                    .as("one batch of %d access times", UsageLog.MAX_PENDING)
                    .isEqualTo(afterPuts + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void anEntryReadByAnotherRepositoryIsKeptOnceThatRepositoryCloses(Vendor vendor) {
        StoreOptions options = StoreOptions.defaults().withLlmCacheMaxEntries(100);
        try (var db = vendor.migrated(dir, options);
                var writer = new Repository(db.database())) {
            writer.llmCache().put("https://a.example/read", "{}", "model-a");
            for (int i = 0; i < 50; i++) {
                writer.llmCache().put("https://a.example/" + i, "{}", "model-a");
            }
            try (var reader = new Repository(db.database())) {
                assertThat(reader.llmCache().get("https://a.example/read", "model-a"))
                        .isPresent();
            }
            for (int i = 50; i < 150; i++) {
                writer.llmCache().put("https://a.example/" + i, "{}", "model-a");
            }
            assertThat(writer.llmCache().get("https://a.example/read", "model-a"))
                    .as("read after 50 puts, kept through 100 more")
                    .isPresent();
            assertThat(writer.llmCache().get("https://a.example/0", "model-a")).isEmpty();
        }
    }

    private static long count(Repository repo) {
        return repo.withHandle(h -> h.createQuery("SELECT count(*) FROM llm_cache")
                .mapTo(Long.class)
                .one());
    }

    private static String hot(int i) {
        return "https://hot.example/" + i;
    }

    /** Counts evictions and top-level transactions. */
    private static final class Counting implements StoreMetrics {
        final AtomicLong evicted = new AtomicLong();
        final AtomicLong transactions = new AtomicLong();

        @Override
        public void cacheEvicted(long entries) {
            evicted.addAndGet(entries);
        }

        @Override
        public void transactionEnded(
                dev.forensics.store.metrics.TransactionOutcome outcome, long totalNanos, long lockWaitNanos) {
            transactions.incrementAndGet();
        }
    }
}
