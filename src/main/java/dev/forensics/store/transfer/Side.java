package dev.forensics.store.transfer;

import dev.forensics.store.Database;
import dev.forensics.store.TransactionControl;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One database of a copy with the connection the copy holds on it: runs work there and turns its driver errors into
 * that database's typed errors, so a failure always names the side that failed.
 *
 * @param database   the source or the target
 * @param connection the copy's connection to it (the copy closes it)
 */
record Side(Database database, Connection connection) {

    /** Work on the connection that may throw a driver error. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work}; {@code action} says what was being done, in the error. */
    <T> T run(String action, Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw database.translate(e, action);
        }
    }

    /**
     * Runs {@code work} in one transaction of the database ({@link Database#transactions()}); any failure, the commit's
     * included, rolls it back. What the transaction control prepared on the connection is released afterwards.
     */
    <T> T inTransaction(String action, Work<T> work) {
        TransactionControl control = database.transactions();
        T result;
        try {
            result = inTransaction(control, action, work);
        } catch (RuntimeException failure) {
            try {
                control.release(connection);
            } catch (SQLException releaseFailure) {
                failure.addSuppressed(releaseFailure);
            }
            throw failure;
        }
        run("closing the transaction statements", () -> {
            control.release(connection);
            return null;
        });
        return result;
    }

    private <T> T inTransaction(TransactionControl control, String action, Work<T> work) {
        run(action, () -> {
            control.begin(connection);
            return null;
        });
        try {
            T result = work.run();
            control.commit(connection);
            return result;
        } catch (SQLException | RuntimeException e) {
            RuntimeException failure =
                    e instanceof SQLException sql ? database.translate(sql, action) : (RuntimeException) e;
            try {
                control.rollback(connection);
            } catch (SQLException rollback) {
                failure.addSuppressed(rollback);
            }
            throw failure;
        }
    }
}
