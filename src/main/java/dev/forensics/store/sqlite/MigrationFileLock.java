package dev.forensics.store.sqlite;

import dev.forensics.store.StoreException;
import dev.forensics.store.schema.MigrationLock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An OS file lock on {@code <database>.migrate-lock} held while Flyway runs: Flyway takes no lock of its own on
 * SQLite, so without it two processes migrating one new file could both apply V1. The lock file stays behind, empty.
 */
final class MigrationFileLock implements MigrationLock {
    private final FileChannel channel;
    private final FileLock lock;

    private MigrationFileLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Blocks until this process holds the migration lock of {@code database}. */
    static MigrationFileLock acquire(Path database) {
        Path lockFile = database.resolveSibling(database.getFileName() + ".migrate-lock");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new MigrationFileLock(channel, channel.lock());
        } catch (IOException e) {
            StoreException failure = SqliteErrors.onReadOnlyLocation(database) || !Files.isWritable(database.getParent())
                    ? SqliteErrors.readOnly("locking " + lockFile + " to migrate", database, " (" + e + ")", e)
                    : new StoreException("cannot lock " + lockFile + " to migrate " + database + ": make its directory writable (" + e + ")", e);
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

    @Override
    public void close() {
        // Closing the channel releases the lock too; closing it even when release() fails keeps no descriptor open.
        try (FileChannel closing = channel) {
            lock.release();
        } catch (IOException e) {
            throw new StoreException("releasing the migration lock " + channel + " failed: " + e.getMessage(), e);
        }
    }
}
