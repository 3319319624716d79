package dev.forensics.store.sqlite;

import dev.forensics.store.errors.DatabaseLocationException;
import dev.forensics.store.errors.StoreInterruptedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a path must be before SQLite (or the header read of {@link SqliteFileIdentity}) may touch it. Checked before
 * anything is read, opened, created or migrated, so a refusal leaves the path exactly as it was.
 * <ul>
 *   <li>Absent, or a regular file (a symbolic link to one is fine: SQLite resolves it and keeps {@code -wal} beside the
 *       target). A FIFO would block the first read forever; a device or socket is no database either.</li>
 *   <li>One name only: a file with several hard links gets a {@code -wal} and {@code -shm} beside each name, so two
 *       processes writing through two names do not see each other and corrupt it (measured: "database disk image is
 *       malformed"). SQLite's "How To Corrupt An SQLite Database File" (sqlite.org/howtocorrupt.html, "Multiple links to
 *       the same file") warns of exactly this. Except a second name that is the private name of a file being published
 *       ({@link NoReplacePublish}: linked under its name, then unlinked), which nobody opens as a database.</li>
 *   <li>Never on a thread whose interrupt flag is set: the header read would fail on the interrupt, and a file whose
 *       identity was not checked must not be opened (that would switch another application's file to WAL).</li>
 * </ul>
 */
final class SqliteFileCheck {
    private SqliteFileCheck() {}

    /**
     * @throws DatabaseLocationException when {@code file} exists and is not a regular file, or has more than one hard link
     * @throws StoreInterruptedException when the calling thread's interrupt flag is set (the flag is kept)
     */
    static void requireUsable(Path file) {
        requireNotInterrupted(file);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException absent) {
            return;
        } catch (IOException e) {
            throw new DatabaseLocationException(
                    "cannot use " + file + ": its attributes cannot be read (" + e.getMessage()
                            + "); check the path and its permissions",
                    e);
        }
        if (attributes.isDirectory()) {
            return; // reported by the caller, which names it as a directory
        }
        if (!attributes.isRegularFile()) {
            throw new DatabaseLocationException(
                    "cannot use " + file + ": it is not a regular file (a FIFO, socket or device),"
                            + " so it cannot hold a database and reading it could block forever; nothing was read; point the path at a database file");
        }
        int links = links(file);
        if (links > 1 && !(links == 2 && ProcessTemporaries.isPrivateNameOf(file, attributes.fileKey()))) {
            throw new DatabaseLocationException(
                    "cannot use " + file + ": it has " + links + " hard links (names). SQLite keeps"
                            + " the -wal and -shm files beside each name, so writers using different names would not see each other and"
                            + " would corrupt the database (sqlite.org/howtocorrupt.html, \"Multiple links to the same file\"); nothing was"
                            + " opened; keep one name (remove the other links, `find / -samefile " + file
                            + "` lists them) or use a copy");
        }
    }

    /**
     * @throws StoreInterruptedException when the calling thread's interrupt flag is set; the flag stays set
     */
    static void requireNotInterrupted(Path file) {
        if (Thread.currentThread().isInterrupted()) {
            throw interrupted(file, null);
        }
    }

    static StoreInterruptedException interrupted(Path file, Throwable cause) {
        return new StoreInterruptedException(
                "opening " + file + " was refused: the thread's interrupt flag is set, so the"
                        + " file's identity could not be checked; nothing was opened or changed (the flag is kept)",
                cause);
    }

    private static int links(Path file) {
        try {
            return ((Number) Files.getAttribute(file, "unix:nlink")).intValue();
        } catch (UnsupportedOperationException | IllegalArgumentException notUnix) {
            return 1; // no link count on this file system: nothing to check
        } catch (IOException e) {
            throw new DatabaseLocationException(
                    "cannot use " + file + ": its link count cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
