package dev.forensics.store.bench;

import dev.forensics.store.Database;
import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.sqlite.SqliteDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh, migrated database for one benchmark trial, and the raw-JDBC way to reach the same database that the
 * baselines use. Benchmarks choose it by name through a {@code @Param("sqlite") String database}, so another
 * {@link Database} (PostgreSQL) can be added here without touching the benchmark classes. {@link #close()} deletes it.
 */
public final class BenchTarget implements AutoCloseable {
    /** The PRAGMAs SqliteDatabase sets, issued by hand for the raw-JDBC baselines. */
    static final String[] SQLITE_PRAGMAS = {
        "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000"
    };

    private final Path dir;
    private final SqliteDatabase database;

    private BenchTarget(Path dir, SqliteDatabase database) {
        this.dir = dir;
        this.database = database;
    }

    /**
     * Creates and migrates a new database of this kind ({@code sqlite}: a file in a new temp directory).
     *
     * @throws IllegalArgumentException for a kind this harness cannot create yet
     */
    public static BenchTarget fresh(String kind) {
        if (!"sqlite".equals(kind)) {
            throw new IllegalArgumentException("no benchmark target '" + kind + "' yet: add it to BenchTarget.fresh (sqlite only)");
        }
        try {
            Path dir = Files.createTempDirectory("forensics-bench-");
            Path file = dir.resolve("bench.db");
            Repository.migrate(file);
            return new BenchTarget(dir, new SqliteDatabase(file, options()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The library defaults, except that {@code -Dbench.checkpointAfterRows=N} (0 turns it off) changes the
     * checkpoint-after-large-batches policy, to measure what that policy costs an ingest.
     */
    private static StoreOptions options() {
        String rows = System.getProperty("bench.checkpointAfterRows");
        StoreOptions defaults = StoreOptions.defaults();
        return rows == null ? defaults : defaults.withCheckpointAfterRows(Long.parseLong(rows));
    }

    /** The database the Repository path opens. */
    public Database database() {
        return database;
    }

    /** The SQLite file. */
    public Path file() {
        return database.file();
    }

    /** Opens a raw sqlite-jdbc connection with the same PRAGMAs as the library (autocommit on); the caller closes it. */
    public Connection openRaw() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database.file());
        try (Statement statement = connection.createStatement()) {
            for (String pragma : SQLITE_PRAGMAS) {
                statement.execute(pragma);
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Deletes the database and its directory. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete benchmark directory " + dir, e);
        }
    }
}
