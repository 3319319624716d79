package dev.forensics.store.bench;

import dev.forensics.store.Repository;
import dev.forensics.store.internal.InstantText;
import dev.forensics.store.internal.Sha256;
import dev.forensics.store.llmcache.CachedAnalysis;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
 * Case 4: latency of one LLM cache get (a hit) and one put (replacing an entry, its own autocommit transaction) on a
 * cache of {@code entries} entries, as percentiles (SampleTime). Baseline: raw JDBC with held PreparedStatements, same
 * SQL, same SHA-256 key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class LlmCacheBenchmark {
    private static final String MODEL = "gpt-bench-1";

    @Param("100000")
    int entries;

    @Param("sqlite")
    String database;

    private BenchTarget target;
    private Repository repo;
    private Connection raw;
    private PreparedStatement rawGet;
    private PreparedStatement rawPut;
    private String json;
    private int next;

    /** Fills the cache in one raw batch and opens both held paths. */
    @Setup(Level.Trial)
    public void fill() throws SQLException {
        target = BenchTarget.fresh(database);
        json = "{\"verdict\":\"credible\",\"notes\":\"" + Fixtures.body(1, 900) + "\"}";
        raw = target.openRaw();
        String now = InstantText.format(Instant.now());
        raw.setAutoCommit(false);
        try (PreparedStatement put = raw.prepareStatement(Fixtures.RAW_CACHE_PUT)) {
            for (int i = 0; i < entries; i++) {
                bindPut(put, Fixtures.url(i), now);
                put.addBatch();
            }
            put.executeBatch();
            raw.commit();
        } finally {
            raw.setAutoCommit(true);
        }
        rawGet = raw.prepareStatement(Fixtures.RAW_CACHE_GET);
        rawPut = raw.prepareStatement(Fixtures.RAW_CACHE_PUT);
        repo = new Repository(target.database());
        if (repo.llmCache().stats().entries() != entries) {
            throw new IllegalStateException("cache not filled");
        }
    }

    /** Closes both held paths and deletes the file. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
        repo.close();
        rawGet.close();
        rawPut.close();
        raw.close();
        target.close();
    }

    /** The next key, spread over the whole cache (a stride coprime with the size). */
    private String nextUrl() {
        next = (next + 7919) % entries;
        return Fixtures.url(next);
    }

    private void bindPut(PreparedStatement put, String url, String now) throws SQLException {
        put.setString(1, Sha256.hex(url));
        put.setString(2, url);
        put.setString(3, MODEL);
        put.setString(4, json);
        put.setString(5, now);
        put.setString(6, now);
        put.setLong(7, json.length());
    }

    /** Ours: {@code llmCache().get(url)}, a hit. */
    @Benchmark
    public Optional<CachedAnalysis> repositoryGet() {
        return repo.llmCache().get(nextUrl());
    }

    /** Ours: {@code llmCache().put(url, json, model)} replacing an entry. */
    @Benchmark
    public void repositoryPut() {
        repo.llmCache().put(nextUrl(), json, MODEL);
    }

    /** Baseline: raw held statement, same SQL, mapped to the same record. */
    @Benchmark
    public CachedAnalysis rawGet() throws SQLException {
        rawGet.setString(1, Sha256.hex(nextUrl()));
        try (ResultSet result = rawGet.executeQuery()) {
            if (!result.next()) {
                throw new IllegalStateException("miss");
            }
            return new CachedAnalysis(
                    result.getString(1),
                    result.getString(2),
                    result.getString(3),
                    result.getString(4),
                    InstantText.parse(result.getString(5)));
        }
    }

    /** Baseline: raw held statement, same SQL and values. */
    @Benchmark
    public int rawPut() throws SQLException {
        bindPut(rawPut, nextUrl(), InstantText.format(Instant.now()));
        return rawPut.executeUpdate();
    }
}
