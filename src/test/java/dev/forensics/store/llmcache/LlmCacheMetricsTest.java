package dev.forensics.store.llmcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.metrics.MicrometerStoreMetrics;
import dev.forensics.store.testing.SettableClock;
import dev.forensics.store.testing.TestFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's cache metrics reach a Micrometer registry under the names of README's metrics table: lookups by result,
 * computations, lease waits, takeovers, fenced results and evictions.
 */
class LlmCacheMetricsTest {
    private static final String URL = "https://a.example/story";

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aComputedMissAndTheHitAfterItCountOneMissOneComputationAndOneHit() throws Exception {
        StoreOptions options = StoreOptions.defaults().withMetrics(MicrometerStoreMetrics.of(registry));
        try (var repo = new Repository(TestFiles.migrated(dir), options)) {
            repo.llmCache().getOrCompute(URL, "model-a", () -> "{\"n\":1}");
            repo.llmCache().getOrCompute(URL, "model-a", () -> "{\"n\":2}");
        }
        assertThat(count("forensics.store.cache.computations")).isEqualTo(1);
        assertThat(registry.get("forensics.store.cache.lookups")
                        .tag("result", "miss")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("forensics.store.cache.lookups")
                        .tag("result", "hit")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void entriesEvictedByTheBoundAreCounted() {
        StoreOptions options =
                StoreOptions.defaults().withLlmCacheMaxEntries(10).withMetrics(MicrometerStoreMetrics.of(registry));
        try (var repo = new Repository(TestFiles.migrated(dir), options)) {
            for (int i = 0; i < 30; i++) {
                repo.llmCache().put("https://a.example/" + i, "{}", "model-a");
            }
            assertThat(count("forensics.store.cache.evictions"))
                    .isPositive()
                    .isEqualTo(30 - repo.llmCache().stats().entries());
        }
    }

    /**
     * A slow caller holds a 2 s lease; a second caller finds it held and waits; the clock passes the lease's expiry;
     * the waiter takes over and stores its result, and the slow caller's late result is fenced off.
     */
    @Test
    void aLeaseWaitATakeoverAndAFencedResultAreCountedOnceEach() throws Exception {
        var clock = new SettableClock(Instant.parse("2024-01-01T00:00:00Z"));
        StoreOptions options =
                StoreOptions.defaults().withClock(clock).withMetrics(MicrometerStoreMetrics.of(registry));
        Path file = TestFiles.migrated(dir);
        try (var slow = new Repository(file, options);
                var taker = new Repository(file, options)) {
            CountDownLatch slowComputing = new CountDownLatch(1);
            CountDownLatch takenOver = new CountDownLatch(1);
            CompletableFuture<CachedAnalysis> slowResult = CompletableFuture.supplyAsync(() -> {
                try {
                    return slow.llmCache().getOrCompute(URL, "model-a", Duration.ofSeconds(2), () -> {
                        slowComputing.countDown();
                        takenOver.await();
                        return "{\"by\":\"slow\"}";
                    });
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            assertThat(slowComputing.await(5, TimeUnit.MINUTES)).isTrue();
            CompletableFuture<CachedAnalysis> takerResult = CompletableFuture.supplyAsync(() ->
                    taker.llmCache().getOrCompute(URL, "model-a", Duration.ofSeconds(2), () -> "{\"by\":\"taker\"}"));
            awaitCount("forensics.store.cache.lease.waits", 1);
            clock.set(Instant.parse("2024-01-01T00:00:03Z")); // the slow caller's lease has expired

            assertThat(takerResult.get(5, TimeUnit.MINUTES).analysisJson()).isEqualTo("{\"by\":\"taker\"}");
            takenOver.countDown();
            assertThat(slowResult.get(5, TimeUnit.MINUTES).analysisJson()).isEqualTo("{\"by\":\"taker\"}");
        }
        assertThat(count("forensics.store.cache.lease.waits")).isEqualTo(1);
        assertThat(count("forensics.store.cache.lease.takeovers")).isEqualTo(1);
        assertThat(count("forensics.store.cache.lease.fenced")).isEqualTo(1);
        assertThat(count("forensics.store.cache.computations")).isEqualTo(2);
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }

    /** Waits for an event the other thread reports through the registry (a 5-minute guard against a hang). */
    private void awaitCount(String name, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (registry.find(name).counter() == null
                || registry.get(name).counter().count() < expected) {
            assertThat(System.nanoTime())
                    .as("%s never reached %s", name, expected)
                    .isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
