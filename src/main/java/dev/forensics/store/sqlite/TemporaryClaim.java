package dev.forensics.store.sqlite;

import dev.forensics.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sign that a temporary beside a database (a build, a backup: {@link ProcessTemporaries}) belongs to a live
 * process: an OS lock on {@code <temporary>-lock}, taken before the temporary is created and released after it is gone
 * (published or deleted). The kernel releases it when the process dies, however it dies, and it means the same in
 * every PID namespace that shares the folder; a process id in a name does neither. Whoever can take the lock of a
 * temporary knows its process is gone and may delete it.
 *
 * <p>The lock is on a file of its own, not on the temporary: these are POSIX locks ({@code fcntl}, what
 * {@link FileChannel#lock()} takes on Linux, and what SQLite takes), which a process loses on a file as soon as it
 * closes any descriptor of that file, and SQLite and the template copy open and close the temporary many times. For
 * the same reason this JVM never opens a lock file it holds a second time: {@link #IN_THIS_JVM} lists the lock files
 * this JVM has open, and a cleaner here skips them. A file system without POSIX locks fails the claim with an
 * {@link IOException}; SQLite could not use a database there either.
 */
final class TemporaryClaim implements AutoCloseable {
    private static final String LOCK_SUFFIX = "-lock";
    private static final Set<Path> IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path temporary;
    private final Path lockFile;
    private final FileChannel channel;
    private boolean released;

    private TemporaryClaim(Path temporary, Path lockFile, FileChannel channel) {
        this.temporary = temporary;
        this.lockFile = lockFile;
        this.channel = channel;
    }

    /** {@code <temporary>-lock}, beside it. */
    static Path lockFileOf(Path temporary) {
        return temporary.resolveSibling(temporary.getFileName() + LOCK_SUFFIX);
    }

    /**
     * Claims {@code temporary}, a name not used yet: creates its lock file and locks it.
     *
     * @return empty when the name is taken (its lock file exists, or a cleaner locked the new one first): take another
     * @throws IOException when the lock file cannot be created or locked (read-only directory, full disk, no locks)
     */
    static Optional<TemporaryClaim> claimNew(Path temporary) throws IOException {
        try {
            return claim(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException taken) {
            return Optional.empty();
        }
    }

    /**
     * Claims the temporary of a process that is gone: takes the lock of its lock file, which is free only then.
     *
     * @return empty when its process is alive (in this JVM or another process, in any PID namespace), or when the lock
     *     file was deleted meanwhile (its holder finished, or another cleaner took it)
     * @throws java.nio.file.NoSuchFileException when {@code temporary} has no lock file (made by a version before locks, or by hand)
     * @throws IOException         when the lock file cannot be opened or locked
     */
    static Optional<TemporaryClaim> claimAbandoned(Path temporary) throws IOException {
        return claim(temporary, StandardOpenOption.WRITE);
    }

    private static Optional<TemporaryClaim> claim(Path temporary, StandardOpenOption... options) throws IOException {
        Path lockFile = lockFileOf(temporary);
        if (!IN_THIS_JVM.add(lockFile)) {
            return Optional.empty(); // held here: a live temporary of this JVM, or another thread judging it
        }
        Optional<TemporaryClaim> held = Optional.empty();
        try {
            held = hold(temporary, lockFile, FileChannel.open(lockFile, options));
            return held;
        } finally {
            if (held.isEmpty()) {
                IN_THIS_JVM.remove(lockFile);
            }
        }
    }

    /** Keeps {@code channel} when its lock is free now and its file still has its name; otherwise closes it. */
    private static Optional<TemporaryClaim> hold(Path temporary, Path lockFile, FileChannel channel)
            throws IOException {
        boolean kept = false;
        try {
            FileLock lock = channel.tryLock();
            kept = lock != null && !MigrationFileLock.heldFileWasDeleted(lockFile);
            return kept ? Optional.of(new TemporaryClaim(temporary, lockFile, channel)) : Optional.empty();
        } finally {
            if (!kept) {
                channel.close();
            }
        }
    }

    /** The temporary this claim is for. */
    Path temporary() {
        return temporary;
    }

    /**
     * Deletes the lock file and releases the lock; call it once the temporary is gone (published or deleted), so that
     * a temporary is never seen without the lock file of its live owner. Idempotent.
     *
     * @throws StoreException naming the lock file when it cannot be deleted (the lock is released all the same)
     */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try (FileChannel closing = channel) {
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            throw new StoreException("cannot delete the lock file " + lockFile + ": " + e + "; delete it by hand", e);
        } finally {
            IN_THIS_JVM.remove(lockFile);
        }
    }
}
