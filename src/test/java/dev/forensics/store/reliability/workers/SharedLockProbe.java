package dev.forensics.store.reliability.workers;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code SharedLockProbe <db>}, run in a process of its own: prints {@code HELD} when some process holds a lock in
 * SQLite's SHARED byte range of the database file (from offset 0x40000002, 510 bytes), {@code FREE} when this process
 * could take that range exclusively. Java's file locks are POSIX record locks on Linux, the kind SQLite takes.
 */
public final class SharedLockProbe {
    private static final long SHARED_FIRST = 0x40000000L + 2;
    private static final long SHARED_SIZE = 510;

    private SharedLockProbe() {}

    /** Probes once; see the class comment. */
    public static void main(String[] args) throws IOException {
        try (FileChannel channel =
                        FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock(SHARED_FIRST, SHARED_SIZE, false)) {
            System.out.println(lock == null ? "HELD" : "FREE");
        }
    }
}
