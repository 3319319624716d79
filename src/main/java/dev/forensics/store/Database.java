package dev.forensics.store;

import dev.forensics.store.backup.FileBackup;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a {@link Repository} gets its one connection and how it speaks to that database, split by role as Jdbi splits
 * {@code ConnectionFactory} from {@code TransactionHandler}: this interface connects and translates driver errors;
 * {@link #transactions()} begins, ends and nests transactions; {@link #migration()} serves Flyway and the schema check;
 * {@link #capability(Class)} offers what only some vendors have (SQLite's maintenance: checkpoint, integrity, backup).
 * {@link dev.forensics.store.sqlite.SqliteDatabase} is the embedded default.
 * <p>A Database holds no open connection of its own; the Repository that calls {@link #connect()} closes what it got.
 * Whoever created a Database closes it: a no-op for SQLite, the pool for PostgreSQL.
 */
public interface Database extends AutoCloseable {

    /** Names the database in messages and logs: a file path, or a JDBC URL without its password. */
    String displayName();

    /** The settings every Repository on this database uses. */
    StoreOptions options();

    /**
     * Opens one new connection with every setting in force (autocommit on).
     *
     * @throws StoreException a typed subclass saying why it cannot be opened; nothing is left open then
     */
    Connection connect();

    /** Turns a driver error into the typed error a caller can act on; {@code action} says what was being done. */
    StoreException translate(SQLException error, String action);

    /**
     * How transactions start, end and nest on this database, and its hook after a commit. Called once per Repository:
     * the result may keep state about that Repository's connection.
     */
    TransactionControl transactions();

    /** What Flyway and the schema check at open need from this database. */
    MigrationTarget migration();

    /**
     * A vendor-specific capability of this database, e.g. {@code capability(SqliteMaintenance.class)}; empty when this
     * database has none of that type. Ask for a capability instead of testing the Database's class.
     */
    default <C> Optional<C> capability(Class<C> type) {
        return Optional.empty();
    }

    /**
     * The file backup and restore of a database that is one file (SQLite), or empty for a server database, whose own
     * tools back it up ({@code pg_dump}/{@code pg_restore}). {@link dev.forensics.store.backup.Backups} turns empty into a typed error.
     */
    default Optional<FileBackup> fileBackup() {
        return Optional.empty();
    }

    /**
     * When the database does not exist yet and this vendor can build one aside (SQLite: a private file beside it,
     * ADR-019), a new {@link AsideBuild} for it; otherwise empty, and the caller migrates and writes as usual. The
     * default is empty: a server database always exists.
     *
     * @throws StoreException a typed subclass when the private file cannot be made (e.g. the directory is read-only)
     */
    default Optional<AsideBuild> buildAsideIfNew() {
        return Optional.empty();
    }

    /**
     * After rows were inserted with explicit ids into {@code table}, makes the ids generated later start past the
     * highest one stored in {@code idColumn} (PostgreSQL moves the column's identity sequence). SQLite picks
     * {@code max(rowid) + 1} by itself: the default does nothing. Runs on {@code connection}, in its transaction if any.
     */
    default void advanceIdentity(Connection connection, String table, String idColumn) throws SQLException {}

    /**
     * The free pages of the database file (pages a {@code VACUUM} would give back), for the LLM cache's stats. Only an
     * embedded file has them: the default is empty.
     */
    default OptionalLong freePages(Connection connection) throws SQLException {
        return OptionalLong.empty();
    }

    /**
     * Why this database cannot store {@code text} exactly, beyond what every database refuses (a lone surrogate,
     * {@code StorableText}): PostgreSQL's {@code text} cannot hold U+0000, SQLite's can. Empty when it can (the
     * default). A validation pass asks this before anything is written, so that such text is an invalid line and not a
     * database error halfway through the writes.
     */
    default Optional<String> unstorableText(String text) {
        return Optional.empty();
    }

    /** Releases what the database holds (a PostgreSQL pool; nothing for SQLite). Idempotent; throws no checked exception. */
    @Override
    default void close() {}
}
