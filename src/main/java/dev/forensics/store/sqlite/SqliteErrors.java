package dev.forensics.store.sqlite;

import dev.forensics.store.StoreException;
import dev.forensics.store.errors.ConstraintViolationException;
import dev.forensics.store.errors.CorruptDatabaseException;
import dev.forensics.store.errors.DatabaseBusyException;
import dev.forensics.store.errors.DatabaseLocationException;
import dev.forensics.store.errors.DiskFullException;
import dev.forensics.store.errors.ReadOnlyDatabaseException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Maps SQLite result codes (never message text) to the typed errors of this library. */
final class SqliteErrors {
    static final int SQLITE_BUSY = 5;
    static final int SQLITE_LOCKED = 6;
    static final int SQLITE_READONLY = 8;
    static final int SQLITE_NOMEM = 7;
    static final int SQLITE_IOERR = 10;
    static final int SQLITE_CORRUPT = 11;
    static final int SQLITE_FULL = 13;
    static final int SQLITE_CANTOPEN = 14;
    static final int SQLITE_CONSTRAINT = 19;
    static final int SQLITE_NOTADB = 26;
    /** Less free space than this after a failed write of this library's own: the disk is full (no write needs more). */
    static final long FULL_DISK_BYTES = 64 * 1024;

    private SqliteErrors() {}

    /** The primary result code of a sqlite-jdbc error (extended codes carry it in their low byte). */
    static int primaryCode(SQLException error) {
        return error.getErrorCode() & 0xff;
    }

    /**
     * Whether {@code file} or its directory cannot be written (read-only mount, permissions): an existing file that
     * cannot be written or whose directory cannot be, or a new one whose existing directory cannot be written.
     */
    static boolean onReadOnlyLocation(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        boolean dirReadOnly = dir != null && Files.isDirectory(dir) && !Files.isWritable(dir);
        return Files.exists(file) ? !Files.isWritable(file) || dirReadOnly : dirReadOnly;
    }

    /** The error for a database whose file or directory cannot be written. */
    static ReadOnlyDatabaseException readOnly(String action, Path file, String detail, Throwable cause) {
        return new ReadOnlyDatabaseException(
                action + " failed: " + file + " is read-only; make the file and its directory (which holds "
                        + file.getFileName() + "-wal and -shm) writable" + detail,
                cause);
    }

    /**
     * The error for a file operation of this library's own (not SQLite's) on {@code file} or a temporary beside it, which
     * the message does not name: a read-only location, a full disk (less than {@link #FULL_DISK_BYTES} left: the failed
     * write had more to write), or else the reason as the system gave it.
     */
    static StoreException translate(IOException error, String action, Path file) {
        String reason = error instanceof FileSystemException system && system.getReason() != null
                ? system.getReason()
                : error.toString();
        String detail = " (" + reason + ")";
        if (onReadOnlyLocation(file)) {
            return readOnly(action, file, detail, error);
        }
        if (usableSpace(file) < FULL_DISK_BYTES) {
            return new DiskFullException(
                    action + " failed: the disk holding " + file + " is full; nothing was written under "
                            + file.getFileName() + ", free space and run it again" + detail,
                    error);
        }
        return new StoreException(
                action + " failed" + detail + "; free space or fix the permissions of the directory of " + file
                        + ", then run it again",
                error);
    }

    private static long usableSpace(Path file) {
        try {
            return Files.getFileStore(file.toAbsolutePath().getParent()).getUsableSpace();
        } catch (IOException unknown) {
            return Long.MAX_VALUE;
        }
    }

    static StoreException translate(SQLException error, String action, Path file, Duration busyTimeout) {
        String detail = " (" + error.getMessage() + ")";
        switch (primaryCode(error)) {
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
                if (error instanceof SQLiteException sqlite
                        && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT) {
                    // Immediate, not after the busy timeout: a deferred transaction read, then another connection
                    // wrote.
                    return new DatabaseBusyException(
                            action + " failed at once: another connection wrote to " + file + " after this transaction"
                                    + " began reading, so it cannot write; nothing of it was written. Run it again from the start, and begin"
                                    + " transactions that write with BEGIN IMMEDIATE (Repository.transaction does)"
                                    + detail,
                            error);
                }
                return new DatabaseBusyException(
                        action + " failed: " + file
                                + " stayed locked by another connection for the whole busy timeout of "
                                + busyTimeout.toMillis()
                                + " ms; nothing of this transaction was written, retry it or raise the busy timeout"
                                + detail,
                        error);
            case SQLITE_READONLY:
                return readOnly(action, file, detail, error);
            case SQLITE_FULL:
                return new DiskFullException(
                        action + " failed: the disk holding " + file
                                + " is full; the transaction was rolled back, free space and run it again" + detail,
                        error);
            case SQLITE_CANTOPEN:
                if (onReadOnlyLocation(file)) {
                    // WAL must create <file>-wal and -shm beside the file: a read-only folder makes even reads fail
                    // here.
                    return readOnly(action, file, detail, error);
                }
                return new DatabaseLocationException(
                        action + " failed: cannot open " + file
                                + "; check that it and its directory exist and are readable and writable" + detail,
                        error);
            case SQLITE_CORRUPT:
            case SQLITE_NOTADB:
                return new CorruptDatabaseException(
                        action + " failed: " + file
                                + " is not a SQLite database or is damaged; restore it from a backup or point --db at the right file"
                                + detail,
                        error);
            case SQLITE_CONSTRAINT:
                return new ConstraintViolationException(
                        action + " failed: a write to " + file + " broke a constraint; the transaction was rolled back"
                                + detail,
                        error);
            case SQLITE_IOERR:
                return new StoreException(
                        action + " failed: I/O error on " + file + "; check the disk and the file's permissions"
                                + detail,
                        error);
            default:
                return new StoreException(action + " failed on " + file + detail, error);
        }
    }
}
