package dev.forensics.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens a connection again while SQLite answers {@code SQLITE_BUSY} during the open, until the busy timeout has passed.
 *
 * <p>Every connection runs {@code PRAGMA journal_mode=WAL} as it opens. On a new file (or one still in rollback-journal
 * mode) that pragma reads the header and then writes it, and when two connections of different processes do so at the
 * same moment, SQLite answers one of them {@code SQLITE_BUSY} at once, without calling the busy handler (it never
 * waits on a read-to-write upgrade, which could deadlock). Measured: two threads opening each of 300 new files at one
 * signal, busy timeout 5 s: 3 of 600 opens failed after 0-10 ms; two processes migrating the same 20 new files
 * (ConcurrencyTest) failed in 2 runs of 4. The other connection's switch takes milliseconds, so opening again soon
 * succeeds; an open still busy when the busy timeout has passed fails with that error, as any other busy statement.
 */
final class BusyAtOpen {
    /** Opens one connection; may fail. */
    @FunctionalInterface
    interface Opener<C extends Connection> {
        /** Opens it. */
        C open() throws SQLException;
    }

    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    private BusyAtOpen() {}

    /**
     * The connection {@code opener} opens, opened again after a short pause while it fails with {@code SQLITE_BUSY},
     * for at most {@code busyTimeout}.
     *
     * @throws SQLException the opener's error when it is not {@code SQLITE_BUSY}, or the last {@code SQLITE_BUSY} once
     *                      {@code busyTimeout} has passed, or when the thread is interrupted (its flag is kept)
     */
    static <C extends Connection> C open(Opener<C> opener, Duration busyTimeout) throws SQLException {
        long deadline = System.nanoTime() + busyTimeout.toNanos();
        long pause = TimeUnit.MILLISECONDS.toNanos(1);
        while (true) {
            try {
                return opener.open();
            } catch (SQLException e) {
                if (SqliteErrors.primaryCode(e) != SqliteErrors.SQLITE_BUSY
                        || System.nanoTime() - deadline >= 0
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }
}
