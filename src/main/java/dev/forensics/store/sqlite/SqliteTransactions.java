package dev.forensics.store.sqlite;

import dev.forensics.store.TransactionControl;
import dev.forensics.store.TransactionWatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's transactions on one Repository's connection: {@code BEGIN IMMEDIATE} / {@code COMMIT} / {@code ROLLBACK}
 * issued by hand while the driver stays in autocommit (so an idle connection never holds the write lock), each
 * prepared once per connection (a new {@code Statement} per call cost a parse of the SQL by the driver, a prepare and a
 * finalize, the first two while holding the write lock; BENCHMARKS.md, end to end), and the
 * WAL checkpoint policy after commits: once the rows written since the last checkpoint reach
 * {@code StoreOptions.checkpointAfterRows}, a {@code PASSIVE} checkpoint, and when the WAL then still holds
 * {@link SqliteDatabase#RESTART_AFTER_FRAMES} frames or more, a {@code RESTART} one that waits (busy timeout) for the
 * readers to leave the WAL so the next write starts it from the beginning. A complete PASSIVE checkpoint is not enough:
 * the writer restarts the WAL only if no reader holds a read mark at that instant, and a reader that never pauses
 * always may (WalBoundProcessTest measured 93 MB that way). One instance per Repository; not thread-safe.
 */
final class SqliteTransactions implements TransactionControl {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteTransactions.class);

    private final SqliteDatabase database;
    private final long checkpointAfterRows;
    private final ControlStatement begin = new ControlStatement("BEGIN IMMEDIATE");
    private final ControlStatement commit = new ControlStatement("COMMIT");
    private final ControlStatement rollback = new ControlStatement("ROLLBACK");
    private long rowsSinceCheckpoint;

    SqliteTransactions(SqliteDatabase database) {
        this.database = database;
        this.checkpointAfterRows = database.options().checkpointAfterRows();
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

    /** The checkpoint policy; never fails a commit: a failed checkpoint is logged and tried again after the next one. */
    @Override
    public void afterCommit(Connection connection, long rowsWritten) {
        rowsSinceCheckpoint += rowsWritten;
        if (checkpointAfterRows <= 0 || rowsSinceCheckpoint < checkpointAfterRows) {
            return;
        }
        try {
            CheckpointResult passive = database.checkpoint(connection, CheckpointMode.PASSIVE);
            rowsSinceCheckpoint = 0;
            if (passive.logFrames() >= SqliteDatabase.RESTART_AFTER_FRAMES) {
                database.checkpoint(connection, CheckpointMode.RESTART);
            }
        } catch (SQLException e) {
            LOG.warn(
                    "Checkpoint trouble on {}: the PASSIVE checkpoint after a large batch failed; the data is committed ({})",
                    database.displayName(),
                    database.translate(e, "checkpointing the WAL").getMessage());
        }
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
