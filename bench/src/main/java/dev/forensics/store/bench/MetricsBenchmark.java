package dev.forensics.store.bench;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.metrics.MicrometerStoreMetrics;
import dev.forensics.store.metrics.StoreMetrics;
import dev.forensics.store.sqlite.SqliteDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
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
 * Case 7 (issue 7): what metrics cost on the hot path. The same Repository calls with no registry
 * ({@code metrics=none}, {@link StoreMetrics#NONE}, the default) and with a Micrometer {@link SimpleMeterRegistry}
 * ({@code metrics=simple}): an article URL lookup, a cache put in autocommit, and a cache put in a transaction
 * (which also records the transaction and write-lock timers).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class MetricsBenchmark {
    private static final int ROWS = 10_000;

    @Param({"none", "simple"})
    String metrics;

    private BenchTarget target;
    private Repository repo;
    private String json;
    private int next;

    /** Fills articles and cache entries, then opens the Repository with or without a registry. */
    @Setup(Level.Trial)
    public void fill() {
        target = BenchTarget.fresh("sqlite");
        json = "{\"verdict\":\"credible\",\"notes\":\"" + Fixtures.body(1, 300) + "\"}";
        StoreOptions options = StoreOptions.defaults()
                .withMetrics(
                        "simple".equals(metrics)
                                ? MicrometerStoreMetrics.of(new SimpleMeterRegistry())
                                : StoreMetrics.NONE);
        repo = new Repository(new SqliteDatabase(target.file(), options));
        List<NewArticle> articles = new ArrayList<>();
        repo.useTransaction(tx -> {
            long author = tx.authors().upsert("bench-author", "Bench Author");
            for (int i = 0; i < ROWS; i++) {
                articles.add(new NewArticle(Fixtures.url(i), author, "Title " + i, null, "body " + i));
                tx.llmCache().put(Fixtures.url(i), json, "gpt-bench-1");
            }
            tx.articles().upsertAll(articles);
        });
    }

    /** Closes the Repository and deletes the file. */
    @TearDown(Level.Trial)
    public void close() {
        repo.close();
        target.close();
    }

    private String nextUrl() {
        next = (next + 7919) % ROWS;
        return Fixtures.url(next);
    }

    /** {@code articles().existsByUrl(url)}, a hit. */
    @Benchmark
    public boolean existsByUrl() {
        return repo.articles().existsByUrl(nextUrl());
    }

    /** {@code llmCache().put(...)} replacing an entry, its own autocommit transaction (counts rows written). */
    @Benchmark
    public void cachePut() {
        repo.llmCache().put(nextUrl(), json, "gpt-bench-1");
    }

    /** The same put inside {@code useTransaction}: also the transaction and write-lock-wait timers. */
    @Benchmark
    public void cachePutInTransaction() {
        repo.useTransaction(tx -> tx.llmCache().put(nextUrl(), json, "gpt-bench-1"));
    }
}
