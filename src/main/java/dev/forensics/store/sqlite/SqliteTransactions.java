package dev.forensics.store.sqlite;

import dev.forensics.store.TransactionControl;
import dev.forensics.store.TransactionWatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * SQLite's transactions on one Repository's connection: {@code BEGIN IMMEDIATE} / {@code COMMIT} / {@code ROLLBACK}
 * issued by hand while the driver stays in autocommit (so an idle connection never holds the write lock), each
 * prepared once per connection (a new {@code Statement} per call cost a parse of the SQL by the driver, a prepare and a
 * finalize, the first two while holding the write lock; BENCHMARKS.md, end to end), and the
 * WAL checkpoints after commits ({@link WalCheckpointPolicy}, ADR-018). One instance per Repository; not thread-safe.
 */
final class SqliteTransactions implements TransactionControl {
    private final WalCheckpointPolicy checkpoints;
    private final ControlStatement begin = new ControlStatement("BEGIN IMMEDIATE");
    private final ControlStatement commit = new ControlStatement("COMMIT");
    private final ControlStatement rollback = new ControlStatement("ROLLBACK");

    SqliteTransactions(SqliteDatabase database) {
        this.checkpoints = new WalCheckpointPolicy(database);
    }

    @Override
    public void begin(Connection connection) throws SQLException {
        begin.execute(connection);
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        commit.execute(connection);
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        rollback.execute(connection);
    }

    /** Closes the prepared BEGIN, COMMIT and ROLLBACK; the first failure is thrown once all three were tried. */
    @Override
    public void release(Connection connection) throws SQLException {
        SQLException failure = null;
        for (ControlStatement statement : new ControlStatement[] {begin, commit, rollback}) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** SQLite's own answer, through its rollback hook: see {@link SqliteTransactionWatch}. */
    @Override
    public TransactionWatch watch(Connection connection) {
        return SqliteTransactionWatch.on(connection);
    }

    /** The WAL checkpoints of ADR-018 ({@link WalCheckpointPolicy}); never fails a commit. */
    @Override
    public void afterCommit(Connection connection, long rowsWritten) {
        checkpoints.afterCommit(connection, rowsWritten);
    }

    /**
     * One transaction-control statement, prepared on first use and reused. A statement whose execution failed is
     * closed and prepared again next time: sqlite-jdbc may have finalized it (DaoContext does the same with DAO
     * statements).
     */
    private static final class ControlStatement {
        private final String sql;
        private PreparedStatement prepared;

        ControlStatement(String sql) {
            this.sql = sql;
        }

        void execute(Connection connection) throws SQLException {
            if (prepared == null) {
                prepared = connection.prepareStatement(sql);
            }
            try {
                prepared.execute();
            } catch (SQLException e) {
                try {
                    close();
                } catch (SQLException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
                throw e;
            }
        }

        void close() throws SQLException {
            PreparedStatement statement = prepared;
            prepared = null;
            if (statement != null) {
                statement.close();
            }
        }
    }
}
