package dev.forensics.store.sqlite;

import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConnection;

/**
 * The WAL checkpoints after a Repository's commits (ADR-018), in place of SQLite's autocheckpoint, so that writer
 * processes take turns at checkpointing instead of starving each other's checkpoints:
 *
 * <ul>
 *   <li>From its first commit on, the connection's {@code wal_autocheckpoint} is 0. SQLite never waits for the
 *       checkpoint lock (in no mode), and with several writer processes each one's autocheckpoint held it in turn, so
 *       every checkpoint of the library came back busy and the {@code -wal} grew with every commit (RELIABILITY.md).
 *   <li>Once the rows written since the last checkpoint reach {@code StoreOptions.checkpointAfterRows}, and whenever
 *       the {@code -wal} file is larger than {@link SqliteDatabase#JOURNAL_SIZE_LIMIT_BYTES} (its size is read every
 *       {@link #WAL_READ_EVERY_ROWS} rows, about 2 µs a read), a {@code PASSIVE} checkpoint: it copies what it can
 *       while the other writers go on. Alone it keeps one writer's WAL short (the next write starts the WAL over once
 *       everything is copied and no reader is in it); under several writers it keeps the copying ahead of the last step.
 *   <li>Once the {@code -wal} file has reached {@link SqliteDatabase#WAL_RESTART_BYTES}, a {@code RESTART} checkpoint
 *       right after this commit, while the write lock is most likely free: it takes the write lock, copies the rest,
 *       waits for the readers to leave the WAL, and the next write starts the WAL over and truncates the file to the
 *       size limit. Under continuous writers only a checkpoint that stops them can catch up. While another
 *       connection's checkpoint holds the checkpoint lock, it tries again with short pauses instead of writing on, so
 *       the writers take turns and the one checkpointing gets the write lock between two of their transactions.
 *       Its waits poll every {@link #POLL_NANOS} (SQLite's own handler sleeps 1 to 100 ms between tries, and a
 *       checkpoint waiting that way found the lock free only after up to 300 ms while three other processes appended
 *       45 MB) and end a tenth of the busy timeout after it began ({@link #BLOCKING_WAIT_SHARE}), so that writers
 *       queued behind it keep most of theirs. After one that a reader kept from completing, the size is not read
 *       again before the next {@code checkpointAfterRows}: a long reader costs the writers one such wait per
 *       {@code checkpointAfterRows} rows of each process, not one per commit.
 * </ul>
 *
 * {@code checkpointAfterRows} = 0 turns all of it off and leaves SQLite's autocheckpoint in charge. Never fails a
 * commit: a failed checkpoint is logged and tried again at the next trigger. One instance per Repository; not
 * thread-safe.
 */
final class WalCheckpointPolicy {
    /** Rows between two reads of the {@code -wal} file's size (a stat costs about 2 µs here, a commit about 60). */
    static final int WAL_READ_EVERY_ROWS = 32;
    /** A blocking checkpoint waits at most the busy timeout divided by this. */
    static final int BLOCKING_WAIT_SHARE = 10;
    /** How often a blocking checkpoint tries again for a lock (SQLite's own busy handler: every 1 to 100 ms). */
    static final long POLL_NANOS = 20_000;
    /** The longest pause between two tries of a RESTART while another connection's checkpoint runs. */
    static final long MAX_PAUSE_NANOS = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointPolicy.class);

    private final SqliteDatabase database;
    private final long checkpointAfterRows;
    private final File wal;
    private boolean autocheckpointOff;
    private long rowsSinceCheckpoint;
    private long rowsUntilWalRead = WAL_READ_EVERY_ROWS;
    private boolean heldOff;

    WalCheckpointPolicy(SqliteDatabase database) {
        this.database = database;
        this.checkpointAfterRows = database.options().checkpointAfterRows();
        this.wal = database.walFile().toFile();
    }

    /** Runs after each top-level commit on {@code connection}, outside any transaction; never throws. */
    void afterCommit(Connection connection, long rowsWritten) {
        if (checkpointAfterRows <= 0) {
            return;
        }
        rowsSinceCheckpoint += rowsWritten;
        rowsUntilWalRead -= rowsWritten;
        boolean due = rowsSinceCheckpoint >= checkpointAfterRows;
        long walBytes = 0;
        if (due || rowsUntilWalRead <= 0 && !heldOff) {
            rowsUntilWalRead = WAL_READ_EVERY_ROWS;
            walBytes = wal.length();
        }
        try {
            if (!autocheckpointOff) {
                turnAutocheckpointOff(connection);
            }
            if (walBytes >= SqliteDatabase.WAL_RESTART_BYTES) {
                rowsSinceCheckpoint = 0;
                CheckpointResult restart = restart(connection);
                heldOff = !restart.complete() && !restart.anotherCheckpointRunning();
            } else if (due || walBytes > SqliteDatabase.JOURNAL_SIZE_LIMIT_BYTES) {
                rowsSinceCheckpoint = 0;
                heldOff = false;
                database.checkpoint(connection, CheckpointMode.PASSIVE);
            }
        } catch (SQLException e) {
            LOG.warn(
                    "Checkpoint trouble on {}: the checkpoint after a commit failed; the data is committed ({})",
                    database.displayName(),
                    database.translate(e, "checkpointing the WAL").getMessage());
        }
    }

    /**
     * A RESTART checkpoint that takes its turn: while another connection's checkpoint holds the checkpoint lock (SQLite
     * answers at once, never waiting for that lock), this one tries again with pauses growing from {@link #POLL_NANOS}
     * to {@link #MAX_PAUSE_NANOS}, so this writer stops appending until that checkpoint is done; its own waits, for the
     * write lock and for the readers, poll every {@link #POLL_NANOS}. All of it ends at most a
     * {@link #BLOCKING_WAIT_SHARE}th of the busy timeout after it began. The connection's busy timeout is restored.
     */
    private CheckpointResult restart(Connection connection) throws SQLException {
        SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
        int busyTimeout = sqlite.getBusyTimeout();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(busyTimeout / BLOCKING_WAIT_SHARE);
        BusyHandler.setHandler(connection, new PollUntil(deadline));
        try {
            CheckpointResult result = SqliteDatabase.checkpointUnrecorded(connection, CheckpointMode.RESTART);
            for (long pause = POLL_NANOS;
                    result.anotherCheckpointRunning() && System.nanoTime() - deadline < 0;
                    pause = Math.min(2 * pause, MAX_PAUSE_NANOS)) {
                LockSupport.parkNanos(pause);
                result = SqliteDatabase.checkpointUnrecorded(connection, CheckpointMode.RESTART);
            }
            return database.recorded(result);
        } finally {
            try {
                BusyHandler.clearHandler(connection);
            } finally {
                sqlite.setBusyTimeout(busyTimeout);
            }
        }
    }

    /** A busy handler that tries again every {@link #POLL_NANOS} until a deadline. */
    private static final class PollUntil extends BusyHandler {
        private final long deadline;

        PollUntil(long deadline) {
            this.deadline = deadline;
        }

        @Override
        protected int callback(int previousTries) {
            if (System.nanoTime() - deadline >= 0) {
                return 0;
            }
            LockSupport.parkNanos(POLL_NANOS);
            return 1;
        }
    }

    private void turnAutocheckpointOff(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0");
        }
        autocheckpointOff = true;
    }
}
