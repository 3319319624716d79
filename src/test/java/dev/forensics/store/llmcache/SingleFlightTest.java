package dev.forensics.store.llmcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.testing.SettableClock;
import dev.forensics.store.testing.TestDatabase.Vendor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** getOrCompute within one JVM (threads, each with its own Repository); the process tests are in SingleFlightProcessTest. */
class SingleFlightTest {
    private static final String URL = "https://a.example/story";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aHitReturnsTheCachedEntryWithoutComputing(Vendor vendor) throws Exception {
        try (var db = vendor.migrated(dir);
                var repo = new Repository(db.database())) {
            repo.llmCache().put(URL, "{\"cached\":true}", "model-a");
            CachedAnalysis hit = repo.llmCache().getOrCompute(URL, "model-a", () -> {
                throw new AssertionError("computed although cached");
            });
            assertThat(hit.analysisJson()).isEqualTo("{\"cached\":true}");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aMissComputesOnceAndCachesTheResultUnderItsModel(Vendor vendor) throws Exception {
        try (var db = vendor.migrated(dir);
                var repo = new Repository(db.database())) {
            AtomicInteger computed = new AtomicInteger();
            CachedAnalysis first =
                    repo.llmCache().getOrCompute(URL, "model-a", () -> "{\"n\":" + computed.incrementAndGet() + "}");
            CachedAnalysis second =
                    repo.llmCache().getOrCompute(URL, "model-a", () -> "{\"n\":" + computed.incrementAndGet() + "}");
            assertThat(computed).hasValue(1);
            assertThat(first.analysisJson()).isEqualTo("{\"n\":1}");
            assertThat(second).isEqualTo(first);
            assertThat(repo.llmCache().get(URL, "model-a")).contains(first);
            assertThat(leases(repo))
                    .as("the lease was released when the result was stored")
                    .isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void twoModelsOfOneUrlAreComputedAndKeptSideBySide(Vendor vendor) throws Exception {
        try (var db = vendor.migrated(dir);
                var repo = new Repository(db.database())) {
            repo.llmCache().getOrCompute(URL, "model-a", () -> "{\"by\":\"a\"}");
            repo.llmCache().getOrCompute(URL, "model-b", () -> "{\"by\":\"b\"}");
            assertThat(repo.llmCache().get(URL, "model-a"))
                    .get()
                    .extracting(CachedAnalysis::analysisJson)
                    .isEqualTo("{\"by\":\"a\"}");
            assertThat(repo.llmCache().get(URL, "model-b"))
                    .get()
                    .extracting(CachedAnalysis::analysisJson)
                    .isEqualTo("{\"by\":\"b\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aThrowingComputationStoresNothingReleasesItsLeaseAndTheNextCallerComputes(Vendor vendor) throws Exception {
        try (var db = vendor.migrated(dir);
                var repo = new Repository(db.database())) {
            IOException llmDown = new IOException("LLM endpoint returned 503");
            assertThatThrownBy(() -> repo.llmCache().getOrCompute(URL, "model-a", Duration.ofHours(1), () -> {
                        throw llmDown;
                    }))
                    .isSameAs(llmDown);
            assertThat(repo.llmCache().get(URL, "model-a")).isEmpty();
            assertThat(leases(repo))
                    .as("the failed caller's lease was released, not left to expire in an hour")
                    .isZero();

            CachedAnalysis next =
                    repo.llmCache().getOrCompute(URL, "model-a", Duration.ofHours(1), () -> "{\"retry\":true}");
            assertThat(next.analysisJson()).isEqualTo("{\"retry\":true}");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void eightThreadsMissingTogetherComputeOnceAndAllGetTheResult(Vendor vendor) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (var db = vendor.migrated(dir)) {
            AtomicInteger computed = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    try (var repo = new Repository(db.database())) {
                        start.await();
                        return repo.llmCache()
                                .getOrCompute(URL, "model-a", () -> {
                                    Thread.sleep(50); // long enough for the other threads to find the lease held
                                    return "{\"n\":" + computed.incrementAndGet() + "}";
                                })
                                .analysisJson();
                    }
                }));
            }
            start.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(5, TimeUnit.MINUTES)).isEqualTo("{\"n\":1}");
            }
            assertThat(computed).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aCallerWhoseLeaseWasTakenOverDoesNotOverwriteTheNewerResult(Vendor vendor) throws Exception {
        var clock = new SettableClock(Instant.parse("2024-01-01T00:00:00Z"));
        try (var db = vendor.migrated(dir, StoreOptions.defaults().withClock(clock));
                var slow = new Repository(db.database());
                var taker = new Repository(db.database())) {
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
            clock.set(Instant.parse("2024-01-01T00:00:03Z")); // the slow caller's 2 s lease has expired

            CachedAnalysis taken =
                    taker.llmCache().getOrCompute(URL, "model-a", Duration.ofSeconds(2), () -> "{\"by\":\"taker\"}");
            takenOver.countDown();

            assertThat(taken.analysisJson()).isEqualTo("{\"by\":\"taker\"}");
            assertThat(slowResult.get(5, TimeUnit.MINUTES).analysisJson())
                    .as("the fenced caller gets the stored result")
                    .isEqualTo("{\"by\":\"taker\"}");
            assertThat(taker.llmCache().get(URL, "model-a"))
                    .get()
                    .extracting(CachedAnalysis::analysisJson)
                    .isEqualTo("{\"by\":\"taker\"}");
            assertThat(leases(taker)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void getOrComputeInsideATransactionIsRefused(Vendor vendor) {
        try (var db = vendor.migrated(dir);
                var repo = new Repository(db.database())) {
            assertThatThrownBy(() -> repo.useTransaction(tx -> tx.llmCache().getOrCompute(URL, "model-a", () -> "{}")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("inside a transaction");
            assertThat(repo.llmCache().get(URL, "model-a")).isEmpty();
        }
    }

    private static long leases(Repository repo) {
        return repo.withHandle(h -> h.createQuery("SELECT count(*) FROM llm_cache_lease")
                .mapTo(Long.class)
                .one());
    }
}
