package dev.forensics.store;

import java.sql.SQLException;

/**
 * What one connection's database does to an open transaction when a statement inside it fails, as its
 * {@link Database} knows it ({@link TransactionControl#watch}). A Repository asks after every error inside a
 * transaction, so that a transaction the database has ended or aborted is never committed in part (ADR-011).
 * One watch belongs to one connection and is used by one thread at a time.
 */
public interface TransactionWatch {

    /** What a failed statement left of the open transaction. */
    enum AfterError {
        /** Only the failed statement was undone; the transaction goes on (SQLite's constraint errors, say). */
        INTACT,
        /**
         * The database refuses every further statement until the innermost savepoint, or the transaction, is rolled
         * back (PostgreSQL after any error).
         */
        ABORTED,
        /**
         * The database rolled the whole transaction back by itself, savepoints included: a further statement would run
         * outside it, in autocommit (SQLite after {@code SQLITE_FULL}, {@code SQLITE_IOERR}, {@code SQLITE_NOMEM} and
         * some {@code SQLITE_BUSY}).
         */
        ENDED
    }

    /** The conservative answer for a database that says nothing more: every error aborts the transaction (PostgreSQL's rule). */
    TransactionWatch ABORTS_ON_ERROR = error -> AfterError.ABORTED;

    /** A top-level transaction was just begun on the connection. */
    default void begun() {}

    /** After {@code error} from a statement inside the open transaction: what is left of that transaction. */
    AfterError afterError(SQLException error);

    /**
     * Whether a write outside a transaction must be run inside an explicit one so that its commit's error is seen.
     * True for SQLite: in autocommit it commits a write when the statement is reset, and sqlite-jdbc drops the error of
     * that reset (a full disk lost 55 of 100 {@code INSERT ... RETURNING} rows silently). False where the driver
     * reports an autocommit commit's failure on the statement itself.
     */
    default boolean autocommitWritesNeedATransaction() {
        return false;
    }
}
