package dev.forensics.store.sqlite;

import dev.forensics.store.TransactionWatch;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

/**
 * Asks SQLite itself whether a transaction survived an error inside it. SQLite may roll the whole transaction back
 * after {@code SQLITE_FULL}, {@code SQLITE_IOERR}, {@code SQLITE_NOMEM} or {@code SQLITE_BUSY} ("Response To Errors
 * Within A Transaction", sqlite.org/lang_transaction.html), and then runs every later statement in autocommit.
 * sqlite-jdbc offers no {@code sqlite3_get_autocommit()}, but it does offer SQLite's rollback hook
 * ({@code sqlite3_rollback_hook}, through {@link SQLiteCommitListener}), which SQLite calls for every rollback of a whole
 * transaction, the automatic ones included, and never for {@code ROLLBACK TO} a savepoint. So: a rollback seen since
 * {@code BEGIN} while the Repository still thinks the transaction open means SQLite ended it. The hook costs nothing
 * on reads and one JNI call per write commit.
 */
final class SqliteTransactionWatch implements TransactionWatch, SQLiteCommitListener {
    private final boolean hooked;
    private boolean rolledBack;

    private SqliteTransactionWatch(boolean hooked) {
        this.hooked = hooked;
    }

    /** Registers the watch on {@code connection} (a sqlite-jdbc connection); it lives as long as the connection. */
    static TransactionWatch on(Connection connection) {
        SQLiteConnection sqlite;
        try {
            sqlite = connection.unwrap(SQLiteConnection.class);
        } catch (SQLException notSqliteJdbc) {
            // Not sqlite-jdbc underneath (a wrapping pool, say): assume the worst for the errors SQLite names.
            return new SqliteTransactionWatch(false);
        }
        SqliteTransactionWatch watch = new SqliteTransactionWatch(true);
        sqlite.getDatabase().addCommitListener(watch);
        return watch;
    }

    @Override
    public void begun() {
        rolledBack = false;
    }

    @Override
    public AfterError afterError(SQLException error) {
        if (!hooked) {
            return endedByCode(error);
        }
        return rolledBack ? AfterError.ENDED : AfterError.INTACT;
    }

    /** In autocommit SQLite commits a write when its statement is reset, and sqlite-jdbc drops that reset's error. */
    @Override
    public boolean autocommitWritesNeedATransaction() {
        return true;
    }

    @Override
    public void onCommit() {
        // a commit ends no transaction of ours early: the Repository issues COMMIT itself
    }

    @Override
    public void onRollback() {
        rolledBack = true;
    }

    private static AfterError endedByCode(SQLException error) {
        return switch (SqliteErrors.primaryCode(error)) {
            case SqliteErrors.SQLITE_FULL,
                    SqliteErrors.SQLITE_IOERR,
                    SqliteErrors.SQLITE_NOMEM,
                    SqliteErrors.SQLITE_BUSY -> AfterError.ENDED;
            default -> AfterError.INTACT;
        };
    }
}
