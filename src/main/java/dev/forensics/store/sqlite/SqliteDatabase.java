package dev.forensics.store.sqlite;

import dev.forensics.store.Database;
import dev.forensics.store.StoreException;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.errors.DatabaseLocationException;
import dev.forensics.store.errors.SchemaNotMigratedException;
import dev.forensics.store.schema.MigrationLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;

/**
 * A SQLite file opened the ADR-005 way: WAL journal, {@code synchronous=NORMAL}, foreign keys on, a busy timeout,
 * and write transactions begun with {@code BEGIN IMMEDIATE} while the driver stays in autocommit (so an idle
 * connection never holds the write lock). Opening never creates the file; only {@link #migrationDataSource()} does.
 */
public final class SqliteDatabase implements Database {
    private static final String HISTORY_TABLE_EXISTS =
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'";
    private static final String APPLIED_VERSION =
            "SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";

    private final Path file;
    private final StoreOptions options;

    /** Describes the SQLite file at {@code file}; nothing is opened until {@link #connect()}. */
    public SqliteDatabase(Path file, StoreOptions options) {
        this.file = file.toAbsolutePath().normalize();
        this.options = options;
    }

    /** The absolute path of the database file. */
    public Path file() {
        return file;
    }

    @Override
    public String displayName() {
        return file.toString();
    }

    @Override
    public String vendor() {
        return "sqlite";
    }

    @Override
    public StoreOptions options() {
        return options;
    }

    /**
     * Opens the existing file with every pragma set.
     *
     * @throws DatabaseLocationException  when the directory is missing or the path is a directory
     * @throws SchemaNotMigratedException when the file does not exist yet (migrate creates it)
     */
    @Override
    public Connection connect() {
        checkLocation();
        if (!Files.exists(file)) {
            throw new SchemaNotMigratedException(file + " does not exist: create it with `forensics-store migrate --db " + file + "`");
        }
        try {
            return settings(false).createConnection(jdbcUrl());
        } catch (SQLException e) {
            throw translate(e, "opening the database");
        }
    }

    /**
     * A DataSource for Flyway that may create the file, and whose transactions begin IMMEDIATE so that two
     * processes migrating at once wait for each other instead of failing. Its connections are Flyway's to close.
     *
     * @throws DatabaseLocationException when the directory is missing or the path is a directory
     */
    @Override
    public DataSource migrationDataSource() {
        checkLocation();
        SQLiteConfig config = settings(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(jdbcUrl());
        return dataSource;
    }

    /** An OS file lock beside the database, because Flyway takes none on SQLite. */
    @Override
    public MigrationLock migrationLock() {
        checkLocation();
        return MigrationFileLock.acquire(file);
    }

    private String jdbcUrl() {
        return "jdbc:sqlite:" + file;
    }

    private SQLiteConfig settings(boolean mayCreate) {
        SQLiteConfig config = new SQLiteConfig();
        if (!mayCreate) {
            config.resetOpenMode(SQLiteOpenMode.CREATE);
        }
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        return config;
    }

    private void checkLocation() {
        Path dir = file.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new DatabaseLocationException("cannot use " + file + ": directory " + dir + " does not exist; create it or fix --db");
        }
        if (Files.isDirectory(file)) {
            throw new DatabaseLocationException("cannot use " + file + ": it is a directory, not a database file; point --db at a file");
        }
    }

    @Override
    public OptionalInt appliedSchemaVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(HISTORY_TABLE_EXISTS)) {
                if (!exists.next() || exists.getInt(1) == 0) {
                    return OptionalInt.empty();
                }
            }
            try (ResultSet version = statement.executeQuery(APPLIED_VERSION)) {
                return version.next() ? OptionalInt.of(Integer.parseInt(version.getString(1))) : OptionalInt.empty();
            }
        }
    }

    @Override
    public void begin(Connection connection) throws SQLException {
        execute(connection, "BEGIN IMMEDIATE");
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        execute(connection, "COMMIT");
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        execute(connection, "ROLLBACK");
    }

    @Override
    public StoreException translate(SQLException error, String action) {
        return SqliteErrors.translate(error, action, file, options.busyTimeout());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
