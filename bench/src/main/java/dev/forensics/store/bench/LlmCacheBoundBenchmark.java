package dev.forensics.store.bench;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.llmcache.CachedAnalysis;
import dev.forensics.store.sqlite.SqliteDatabase;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 14 (SQLite): a {@code getOrCompute} hit against a plain {@code get(url, model)} hit, and a put of a new key with
 * the LRU bound off ({@code maxEntries=0}) and on (bound = the filled size, so every put past it evicts, amortised over
 * the 1% slack), as latency percentiles (SampleTime). With the bound on, gets also note their key for the batched
 * access times (ADR-013).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class LlmCacheBoundBenchmark {
    private static final String MODEL = "gpt-bench-1";
    private static final int ENTRIES = 10_000;

    @Param({"0", "10000"})
    long maxEntries;

    @Param("sqlite")
    String database;

    private BenchTarget target;
    private Repository repo;
    private String json;
    private int next;
    private long fresh;

    /** Fills {@link #ENTRIES} entries through the library, then opens the measured Repository with the bound. */
    @Setup(Level.Trial)
    public void fill() {
        if (!database.equals("sqlite")) {
            throw new IllegalArgumentException("LlmCacheBoundBenchmark runs on SQLite only (-p database=sqlite)");
        }
        target = BenchTarget.fresh(database);
        json = "{\"verdict\":\"credible\",\"notes\":\"" + Fixtures.body(1, 900) + "\"}";
        try (Repository filler = new Repository(target.database())) {
            filler.useTransaction(tx -> {
                for (int i = 0; i < ENTRIES; i++) {
                    tx.llmCache().put(Fixtures.url(i), json, MODEL);
                }
            });
        }
        StoreOptions options = target.database().options().withLlmCacheMaxEntries(maxEntries);
        repo = new Repository(new SqliteDatabase(target.file(), options));
    }

    /** Closes the Repository and deletes the file. */
    @TearDown(Level.Trial)
    public void close() {
        repo.close();
        target.close();
    }

    /** {@code get(url, model)}, a hit. */
    @Benchmark
    public Optional<CachedAnalysis> get() {
        return repo.llmCache().get(nextUrl(), MODEL);
    }

    /** {@code getOrCompute(url, model, ...)}, a hit: must cost what {@link #get()} costs. */
    @Benchmark
    public CachedAnalysis getOrComputeHit() {
        return repo.llmCache().getOrCompute(nextUrl(), MODEL, () -> {
            throw new IllegalStateException("a miss in a hit benchmark");
        });
    }

    /** {@code put} of a key not cached yet: the cache grows (bound off) or evicts (bound on). */
    @Benchmark
    public void putNewKey() {
        repo.llmCache().put(Fixtures.url(ENTRIES + (int) (fresh++ % 1_000_000_000L)), json, MODEL);
    }

    /** The next cached key, spread over the whole fill (a stride coprime with its size). */
    private String nextUrl() {
        next = (next + 7919) % ENTRIES;
        return Fixtures.url(next);
    }
}
