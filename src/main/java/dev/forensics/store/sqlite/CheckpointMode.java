package dev.forensics.store.sqlite;

/**
 * The modes of SQLite's {@code PRAGMA wal_checkpoint}: how hard a checkpoint tries to copy the WAL into the database.
 */
public enum CheckpointMode {
    /** Copies what it can without waiting for readers or writers; never blocks. Used after large batches. */
    PASSIVE,
    /** Waits (busy timeout) for the writer, then copies everything; readers may still be using the WAL after. */
    FULL,
    /** As FULL, then waits for readers to leave the WAL so the next writer starts it from the beginning. */
    RESTART,
    /** As RESTART, then truncates the {@code -wal} file to zero bytes. Used when the writer is idle. */
    TRUNCATE
}
