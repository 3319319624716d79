package dev.forensics.store.sqlite;

import dev.forensics.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What only a SQLite file offers, behind the CLI's {@code stats}, {@code check} and {@code ingest}: WAL checkpoints,
 * {@code PRAGMA} checks, and file and WAL sizes (backup and restore: {@code Database.fileBackup()}). Reach it as a capability, never by
 * testing a Database's class: {@code database.capability(SqliteMaintenance.class)} (empty on PostgreSQL).
 * Each call that reads the database opens one connection of its own (settings as a Repository's) and closes it before
 * returning; every method throws a typed {@link StoreException} on failure. Thread-safe.
 */
public final class SqliteMaintenance {
    private final SqliteDatabase database;

    SqliteMaintenance(SqliteDatabase database) {
        this.database = database;
    }

    /** The absolute path of the database file. */
    public Path file() {
        return database.file();
    }

    /** The {@code -wal} file beside the database (it exists only while a connection has the database open, or after a crash). */
    public Path walFile() {
        return database.walFile();
    }

    /**
     * Runs a WAL checkpoint now on a connection of its own: {@link CheckpointMode#PASSIVE} never waits;
     * {@link CheckpointMode#TRUNCATE} (for when the writer is idle, e.g. after an ingest) waits up to the busy timeout
     * for readers and empties the {@code -wal} file. A checkpoint that cannot complete returns {@code busy} or fewer
     * checkpointed than log frames; it is not an error. Do not call it inside a transaction lambda of this database:
     * a {@code TRUNCATE} would wait for that transaction.
     *
     * @throws StoreException a typed subclass when SQLite fails
     */
    public CheckpointResult checkpoint(CheckpointMode mode) {
        return onOwnConnection("checkpointing the WAL", connection -> database.checkpoint(connection, mode));
    }

    /** The journal mode in force ({@code wal} for every file this library opened). */
    public String journalMode() {
        return onOwnConnection(
                "reading the journal mode",
                connection -> column("PRAGMA journal_mode", connection).get(0));
    }

    /**
     * {@code PRAGMA integrity_check}: the problems SQLite reports (empty when the file is sound).
     *
     * @throws dev.forensics.store.errors.CorruptDatabaseException when the damage stops the check itself
     */
    public List<String> integrityProblems() {
        List<String> rows =
                onOwnConnection("checking integrity", connection -> column("PRAGMA integrity_check", connection));
        return rows.equals(List.of("ok")) ? List.of() : rows;
    }

    /** {@code PRAGMA foreign_key_check}: one line per row whose reference points at nothing (empty when none). */
    public List<String> foreignKeyProblems() {
        return onOwnConnection("checking foreign keys", connection -> {
            List<String> problems = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("PRAGMA foreign_key_check")) {
                while (rs.next()) {
                    problems.add(rs.getString("table") + " row " + rs.getLong("rowid") + " refers to a missing row of "
                            + rs.getString("parent"));
                }
            }
            return problems;
        });
    }

    /** The size in bytes of the database file itself. */
    public long fileBytes() {
        return size(database.file());
    }

    /** The size in bytes of the database's {@code -wal} file, 0 when there is none. */
    public long walBytes() {
        return size(database.walFile());
    }

    private <T> T onOwnConnection(String action, SqlWork<T> work) {
        try (Connection connection = database.connect()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw database.translate(e, action);
        }
    }

    private static List<String> column(String sql, Connection connection) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new StoreException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
