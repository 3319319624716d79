package dev.forensics.store.bench;

import dev.forensics.store.Repository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * Case 3: the cost of one short block. Ours: {@code new Repository(database)} + one {@code existsByUrl} +
 * {@code close()}. Baseline: {@code DriverManager.getConnection} + the same four PRAGMAs + the same lookup + close.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class OpenCloseBenchmark {
    @Param("sqlite")
    String database;

    private BenchTarget target;
    private final String url = Fixtures.url(7);

    /** A migrated file holding the one article looked up. */
    @Setup(Level.Trial)
    public void open() throws SQLException {
        target = BenchTarget.fresh(database);
        try (var repo = new Repository(target.database())) {
            Fixtures.insertAuthors(repo, 1);
        }
        try (Connection raw = target.openRaw()) {
            Fixtures.rawInsert(raw, List.of(Fixtures.articles(8, 1, 200).get(7)));
        }
    }

    /** Deletes the file. */
    @TearDown(Level.Trial)
    public void close() {
        target.close();
    }

    /** Ours: open a Repository, one lookup, close. */
    @Benchmark
    public boolean repositoryOpenLookupClose() {
        try (var repo = new Repository(target.database())) {
            return repo.articles().existsByUrl(url);
        }
    }

    /** Baseline: raw connect, PRAGMAs, one lookup, close. */
    @Benchmark
    public boolean rawOpenLookupClose() throws SQLException {
        try (Connection connection = target.openRaw();
                PreparedStatement exists = connection.prepareStatement(Fixtures.RAW_EXISTS)) {
            exists.setString(1, url);
            try (ResultSet result = exists.executeQuery()) {
                result.next();
                return result.getInt(1) > 0;
            }
        }
    }
}
