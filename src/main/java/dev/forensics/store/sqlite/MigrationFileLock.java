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
import java.util.concurrent.locks.ReentrantLock;

/**
 * An OS file lock on {@code <database>.migrate-lock} held while Flyway runs: Flyway takes no lock of its own on
 * SQLite, so without it two processes migrating one new file could both apply V1. The holder deletes the file before
 * releasing it, so nothing is left beside the database (ADR-016).
 *
 * <p>Deleting a lock file is safe only if a process that was waiting on the deleted file notices: after locking, it
 * checks that the file it holds still has its name, and otherwise lets go and starts over on the new file. On Linux
 * the check reads {@code /proc/self/fd} (links only: opening the lock file again and closing it would drop this
 * process's POSIX lock). Elsewhere that window is left to the migration's {@code BEGIN IMMEDIATE} transactions.
 *
 * <p>An OS file lock is the process's: a second thread asking for it gets an {@code OverlappingFileLockException}
 * from Java at once, not a wait. So threads of one JVM first take turns on a lock of this JVM (one of
 * {@link #STRIPES}, chosen by the lock file's path: a fixed set, so no memory is kept per path), and release it last.
 * It is released by the thread that took it: close the lock on the thread that acquired it.
 */
final class MigrationFileLock implements MigrationLock {
    private static final int STRIPES = 64;
    private static final ReentrantLock[] IN_THIS_JVM = new ReentrantLock[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            IN_THIS_JVM[i] = new ReentrantLock();
        }
    }

    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private final ReentrantLock inThisJvm;
    private boolean released;

    private MigrationFileLock(Path lockFile, FileChannel channel, FileLock lock, ReentrantLock inThisJvm) {
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
        this.inThisJvm = inThisJvm;
    }

    /** The lock file of {@code database}: beside it, named after it. */
    static Path lockFileOf(Path database) {
        return database.resolveSibling(database.getFileName() + ".migrate-lock");
    }

    /** Blocks until this process holds the migration lock of {@code database}. */
    static MigrationFileLock acquire(Path database) {
        Path lockFile = lockFileOf(database);
        ReentrantLock inThisJvm = IN_THIS_JVM[Math.floorMod(lockFile.hashCode(), STRIPES)];
        inThisJvm.lock();
        try {
            while (true) {
                MigrationFileLock held = tryHold(database, lockFile, inThisJvm);
                if (held != null) {
                    return held;
                }
            }
        } catch (RuntimeException | Error e) {
            inThisJvm.unlock();
            throw e;
        }
    }

    /** Locks the file now at {@code lockFile}; null when its last holder deleted it meanwhile (try again). */
    private static MigrationFileLock tryHold(Path database, Path lockFile, ReentrantLock inThisJvm) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            if (!heldFileWasDeleted(lockFile)) {
                return new MigrationFileLock(lockFile, channel, lock, inThisJvm);
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
        if (released) {
            return;
        }
        released = true;
        // Closing the channel releases the lock too; closing it even when the delete fails keeps no descriptor open.
        try (FileChannel closing = channel) {
            Files.deleteIfExists(lockFile);
            lock.release();
        } catch (IOException e) {
            throw new StoreException("releasing the migration lock " + lockFile + " failed: " + e.getMessage(), e);
        } finally {
            inThisJvm.unlock();
        }
    }
}
