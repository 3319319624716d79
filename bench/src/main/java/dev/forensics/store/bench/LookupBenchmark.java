package dev.forensics.store.bench;

import dev.forensics.store.Repository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Case 2: one invocation = {@value #LOOKUPS} {@code existsByUrl} calls, every other one a hit, on a file of
 * {@value #LOOKUPS} articles. Ours: one open Repository. Baseline (a): raw JDBC with one held connection and a reused
 * PreparedStatement; baseline (b), the connection-per-call shim, is {@link LegacyLookupBenchmark} (SQLite only).
 * Scores are per lookup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@OperationsPerInvocation(LookupBenchmark.LOOKUPS)
public class LookupBenchmark {
    static final int LOOKUPS = 10_000;

    @Param("sqlite")
    String database;

    private BenchTarget target;
    private String[] keys;
    private Repository repo;
    private Connection raw;
    private PreparedStatement rawExists;

    /** Stores the articles, builds the keys (every other one a miss) and opens both held paths. */
    @Setup(Level.Trial)
    public void open() throws SQLException {
        target = BenchTarget.fresh(database);
        keys = Fixtures.storeLookupArticles(target, LOOKUPS);
        raw = target.openRaw();
        rawExists = raw.prepareStatement(Fixtures.RAW_EXISTS);
        repo = new Repository(target.database());
        int hits = 0;
        for (String key : keys) {
            hits += repo.articles().existsByUrl(key) ? 1 : 0;
        }
        if (hits != LOOKUPS / 2) {
            throw new IllegalStateException("expected " + LOOKUPS / 2 + " hits, got " + hits);
        }
    }

    /** Closes both held paths and deletes the file. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
        repo.close();
        rawExists.close();
        raw.close();
        target.close();
    }

    /** Ours: 10,000 lookups on one open Repository. */
    @Benchmark
    public void repositoryHeld(Blackhole hole) {
        for (String key : keys) {
            hole.consume(repo.articles().existsByUrl(key));
        }
    }

    /** Baseline (a): one held connection, one reused PreparedStatement. */
    @Benchmark
    public void rawHeldStatement(Blackhole hole) throws SQLException {
        for (String key : keys) {
            rawExists.setString(1, key);
            try (ResultSet result = rawExists.executeQuery()) {
                result.next();
                hole.consume(result.getInt(1) > 0);
            }
        }
    }
}
