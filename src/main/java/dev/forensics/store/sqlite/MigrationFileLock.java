package dev.forensics.store.sqlite;

import dev.forensics.store.StoreException;
import dev.forensics.store.schema.MigrationLock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An OS file lock on {@code <database>.migrate-lock} held while Flyway runs: Flyway takes no lock of its own on
 * SQLite, so without it two processes migrating one new file could both apply V1. The holder deletes the file before
 * releasing it, so nothing is left beside the database (ADR-016).
 *
 * <p>Deleting a lock file is safe only if a process that was waiting on the deleted file notices: after locking, it
 * checks that the file it holds still has its name, and otherwise lets go and starts over on the new file. On Linux
 * the check reads {@code /proc/self/fd} (links only: opening the lock file again and closing it would drop this
 * process's POSIX lock). Elsewhere that window is left to the migration's {@code BEGIN IMMEDIATE} transactions.
 */
final class MigrationFileLock implements MigrationLock {
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private MigrationFileLock(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code database}: beside it, named after it. */
    static Path lockFileOf(Path database) {
        return database.resolveSibling(database.getFileName() + ".migrate-lock");
    }

    /** Blocks until this process holds the migration lock of {@code database}. */
    static MigrationFileLock acquire(Path database) {
        Path lockFile = lockFileOf(database);
        while (true) {
            MigrationFileLock held = tryHold(database, lockFile);
            if (held != null) {
                return held;
            }
        }
    }

    /** Locks the file now at {@code lockFile}; null when its last holder deleted it meanwhile (try again). */
    private static MigrationFileLock tryHold(Path database, Path lockFile) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            if (!heldFileWasDeleted(lockFile)) {
                return new MigrationFileLock(lockFile, channel, lock);
            }
            channel.close();
            return null;
        } catch (IOException e) {
            StoreException failure =
                    SqliteErrors.onReadOnlyLocation(database) || !Files.isWritable(database.getParent())
                            ? SqliteErrors.readOnly("locking " + lockFile + " to migrate", database, " (" + e + ")", e)
                            : new StoreException(
                                    "cannot lock " + lockFile + " to migrate " + database
                                            + ": make its directory writable (" + e + ")",
                                    e);
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException closeFailure) {
                    failure.addSuppressed(closeFailure);
                }
            }
            throw failure;
        }
    }

    /**
     * Whether a descriptor of this process leads to {@code lockFile} after it was deleted (Linux shows its link as
     * {@code <path> (deleted)}); false where {@code /proc/self/fd} does not exist.
     */
    static boolean heldFileWasDeleted(Path lockFile) throws IOException {
        Path descriptors = Path.of("/proc/self/fd");
        if (!Files.isDirectory(descriptors)) {
            return false;
        }
        String deleted = lockFile.getParent().toRealPath().resolve(lockFile.getFileName()) + " (deleted)";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(descriptors)) {
            for (Path descriptor : entries) {
                if (deleted.equals(linkOf(descriptor))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String linkOf(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException closedMeanwhile) {
            return "";
        }
    }

    /** Deletes the lock file, then releases the lock; a process waiting on the deleted file notices and starts over. */
    @Override
    public void close() {
        // Closing the channel releases the lock too; closing it even when the delete fails keeps no descriptor open.
        try (FileChannel closing = channel) {
            Files.deleteIfExists(lockFile);
            lock.release();
        } catch (IOException e) {
            throw new StoreException("releasing the migration lock " + lockFile + " failed: " + e.getMessage(), e);
        }
    }
}
