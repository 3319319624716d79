package dev.forensics.store;

import dev.forensics.store.schema.MigrationLock;
import dev.forensics.store.sqlite.CheckpointMode;
import dev.forensics.store.sqlite.CheckpointResult;

import dev.forensics.store.backup.FileBackup;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Where a {@link Repository} gets its one connection and how it speaks to that database: how to open it
 * with the right settings, how to start and end a transaction, and how to turn a driver error into a
 * typed {@link StoreException}. {@link dev.forensics.store.sqlite.SqliteDatabase} is the embedded default.
 * A Database holds no open connection of its own; the Repository that calls {@link #connect()} closes what it got.
 */
public interface Database {

    /** Names the database in messages and logs: a file path, or a JDBC URL without its password. */
    String displayName();

    /** The folder of {@code migrations/} that holds this database's SQL: {@code sqlite} or {@code postgresql}. */
    String vendor();

    /** The settings every Repository on this database uses. */
    StoreOptions options();

    /**
     * Opens one new connection with every setting in force (autocommit on).
     *
     * @throws StoreException a typed subclass saying why it cannot be opened; nothing is left open then
     */
    Connection connect();

    /**
     * A DataSource for Flyway that may create the database; Flyway opens and closes its connections.
     *
     * @throws StoreException a typed subclass when the location cannot hold a database
     */
    DataSource migrationDataSource();

    /** Takes the lock that makes concurrent migrations of this database take turns; blocks until it is had. */
    MigrationLock migrationLock();

    /** The schema version recorded by Flyway on this connection, or empty when it was never migrated. */
    OptionalInt appliedSchemaVersion(Connection connection) throws SQLException;

    /**
     * Starts a write transaction: on SQLite it holds the write lock from its first statement ({@code BEGIN IMMEDIATE});
     * on PostgreSQL it turns autocommit off and rows are locked as they are written.
     */
    void begin(Connection connection) throws SQLException;

    /** Commits the transaction started by {@link #begin(Connection)}. */
    void commit(Connection connection) throws SQLException;

    /** Rolls back the transaction started by {@link #begin(Connection)}. */
    void rollback(Connection connection) throws SQLException;

    /** Turns a driver error into the typed error a caller can act on; {@code action} says what was being done. */
    StoreException translate(SQLException error, String action);

    /**
     * Refuses, before anything is migrated, a database that belongs to another application. SQLite checks the file's
     * {@code application_id}; the default does nothing.
     *
     * @throws dev.forensics.store.errors.ForeignDatabaseException naming the database when it is another application's
     */
    default void checkOwnership() {
    }

    /**
     * What this database does to an open transaction on {@code connection} when a statement inside it fails
     * (ADR-011). The default is the conservative answer, PostgreSQL's: every error aborts the transaction until a
     * savepoint rollback. Called once per Repository, right after {@link #connect()}.
     */
    default TransactionWatch watchTransactions(Connection connection) {
        return TransactionWatch.ABORTS_ON_ERROR;
    }

    /**
     * The free pages of the database file (pages a {@code VACUUM} would give back), for the LLM cache's stats. Only an
     * embedded file has them: the default is empty.
     */
    default OptionalLong freePages(Connection connection) throws SQLException {
        return OptionalLong.empty();
    }

    /**
     * Runs a WAL checkpoint on {@code connection} (outside any transaction). Only SQLite has one: the default throws
     * {@link UnsupportedOperationException}, since a server database manages its own log.
     */
    default CheckpointResult checkpoint(Connection connection, CheckpointMode mode) throws SQLException {
        throw new UnsupportedOperationException(displayName() + " has no WAL to checkpoint: checkpoint(...) is for SQLite files only");
    }

    /**
     * The file backup and restore of a database that is one file (SQLite), or empty for a server database, whose own
     * tools back it up ({@code pg_dump}/{@code pg_restore}). {@link dev.forensics.store.backup.Backups} turns empty into a typed error.
     */
    default Optional<FileBackup> fileBackup() {
        return Optional.empty();
    }

    /**
     * After rows were inserted with explicit ids into {@code table}, makes the ids generated later start past the
     * highest one stored in {@code idColumn} (PostgreSQL moves the column's identity sequence). SQLite picks
     * {@code max(rowid) + 1} by itself: the default does nothing. Runs on {@code connection}, in its transaction if any.
     */
    default void advanceIdentity(Connection connection, String table, String idColumn) throws SQLException {
    }
}
