package dev.forensics.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The transaction role of a {@link Database} (as Jdbi's {@code TransactionHandler} is to its {@code ConnectionFactory}):
 * how this database starts, ends and nests a transaction on one connection, and what it does after a commit.
 * {@link Database#transactions()} makes one per Repository, so an implementation may keep per-connection state
 * (SQLite counts the rows written since its last WAL checkpoint). Only the Repository's transaction code calls it.
 */
public interface TransactionControl {

    /**
     * Starts a write transaction: on SQLite it holds the write lock from its first statement ({@code BEGIN IMMEDIATE});
     * on PostgreSQL it turns autocommit off and rows are locked as they are written.
     */
    void begin(Connection connection) throws SQLException;

    /** Commits the transaction started by {@link #begin(Connection)}. */
    void commit(Connection connection) throws SQLException;

    /** Rolls back the transaction started by {@link #begin(Connection)}. */
    void rollback(Connection connection) throws SQLException;

    /** Starts a nested transaction named {@code name} inside the open one (standard {@code SAVEPOINT}). */
    default void savepoint(Connection connection, String name) throws SQLException {
        execute(connection, "SAVEPOINT " + name);
    }

    /** Ends the nested transaction {@code name}, keeping its writes in the enclosing transaction. */
    default void releaseSavepoint(Connection connection, String name) throws SQLException {
        execute(connection, "RELEASE SAVEPOINT " + name);
    }

    /** Undoes the writes of the nested transaction {@code name} and ends it; the enclosing transaction goes on. */
    default void rollbackToSavepoint(Connection connection, String name) throws SQLException {
        execute(connection, "ROLLBACK TO SAVEPOINT " + name);
        execute(connection, "RELEASE SAVEPOINT " + name);
    }

    /**
     * What this database does to an open transaction on {@code connection} when a statement inside it fails
     * (ADR-011). The default is the conservative answer, PostgreSQL's: every error aborts the transaction until a
     * savepoint rollback. Called once per Repository, right after its connection is opened.
     */
    default TransactionWatch watch(Connection connection) {
        return TransactionWatch.ABORTS_ON_ERROR;
    }

    /**
     * The vendor's hook after a top-level transaction committed (SQLite: its WAL checkpoint policy). Runs on
     * {@code connection} outside any transaction; it must not throw (the data is committed): trouble is logged.
     *
     * @param rowsWritten rows the Repository's DAOs wrote since the previous call (rows of rolled-back work included)
     */
    default void afterCommit(Connection connection, long rowsWritten) {}

    /**
     * The connection is about to close, or its user is done with this control: release what the control keeps on it
     * (SQLite: its prepared {@code BEGIN IMMEDIATE}, {@code COMMIT} and {@code ROLLBACK}). Nothing by default.
     */
    default void release(Connection connection) throws SQLException {}

    /** Runs one statement that returns no rows on {@code connection}: BEGIN, COMMIT, SAVEPOINT and the like. */
    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
