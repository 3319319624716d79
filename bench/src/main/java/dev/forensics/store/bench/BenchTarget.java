package dev.forensics.store.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.forensics.store.Database;
import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.postgres.PostgresDatabase;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.sqlite.SqliteMaintenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A fresh, migrated database for one benchmark trial, and the raw-JDBC way to reach the same database that the
 * baselines use. Benchmarks choose it through a {@code @Param("sqlite") String database}: {@code sqlite} is a file in a
 * new temp directory; {@code postgresql} is a new schema on {@link BenchPostgres}'s server, reached by the library
 * through its HikariCP pool and by the baselines through a raw HikariCP pool with the same settings, so that on
 * PostgreSQL both sides borrow a pooled connection. {@link #close()} deletes the database.
 */
public final class BenchTarget implements AutoCloseable {
    /** Every PRAGMA SqliteDatabase sets on a connection, issued by hand for the raw-JDBC baselines. */
    static final String[] SQLITE_PRAGMAS = {
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
        "PRAGMA foreign_keys=ON",
        "PRAGMA busy_timeout=5000",
        "PRAGMA journal_size_limit=" + SqliteDatabase.JOURNAL_SIZE_LIMIT_BYTES,
        "PRAGMA wal_autocheckpoint=" + SqliteDatabase.WAL_AUTOCHECKPOINT_PAGES
    };

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private final Database database;
    private final RawConnections raw;
    private final AutoCloseable drop;

    private BenchTarget(Database database, RawConnections raw, AutoCloseable drop) {
        this.database = database;
        this.raw = raw;
        this.drop = drop;
    }

    /**
     * Creates and migrates a new database of this kind: {@code sqlite} or {@code postgresql}.
     *
     * @throws IllegalArgumentException for another kind
     */
    public static BenchTarget fresh(String kind) {
        BenchTarget target = switch (kind) {
            case "sqlite" -> freshSqlite();
            case "postgresql" -> freshPostgres();
            default ->
                throw new IllegalArgumentException("no benchmark target '" + kind + "': use sqlite or postgresql");
        };
        try {
            Repository.migrate(target.database);
            return target;
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }

    private static BenchTarget freshSqlite() {
        try {
            Path dir = Files.createTempDirectory("forensics-bench-");
            SqliteDatabase sqlite = new SqliteDatabase(dir.resolve("bench.db"), options());
            return new BenchTarget(sqlite, () -> openRawSqlite(sqlite.file()), () -> deleteTree(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BenchTarget freshPostgres() {
        String server = BenchPostgres.serverUrl();
        String schema = "bench_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        execute(server, "CREATE SCHEMA " + schema);
        String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        PostgresDatabase postgres = PostgresDatabase.open(url, null, null, options());
        HikariDataSource rawPool = rawPool(url, postgres.poolSize());
        return new BenchTarget(postgres, rawPool::getConnection, () -> {
            rawPool.close();
            postgres.close();
            execute(server, "DROP SCHEMA " + schema + " CASCADE");
        });
    }

    /** A plain HikariCP pool of the same size, autocommit and isolation as PostgresDatabase's, for the baselines. */
    private static HikariDataSource rawPool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bench raw " + url);
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        return new HikariDataSource(config);
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

    /**
     * The SQLite file (the connection-per-call shim and the writer processes need a path).
     *
     * @throws IllegalStateException on PostgreSQL
     */
    public Path file() {
        return database.capability(SqliteMaintenance.class)
                .map(SqliteMaintenance::file)
                .orElseThrow(() -> new IllegalStateException(
                        "only a SQLite target has a file; this one is " + database.displayName()));
    }

    /**
     * A raw connection to the same database, autocommit on: on SQLite a new sqlite-jdbc connection with the library's
     * PRAGMAs, on PostgreSQL one borrowed from the raw pool. The caller closes it.
     */
    public Connection openRaw() throws SQLException {
        return raw.open();
    }

    /** Deletes the database: the SQLite file and its directory, or the PostgreSQL schema (and closes both pools). */
    @Override
    public void close() {
        try {
            drop.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot drop benchmark database " + database.displayName(), e);
        }
    }

    private static Connection openRawSqlite(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
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

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** How the baselines open a raw connection to the target. */
    @FunctionalInterface
    private interface RawConnections {
        Connection open() throws SQLException;
    }
}
