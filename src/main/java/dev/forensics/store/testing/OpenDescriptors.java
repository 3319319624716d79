package dev.forensics.store.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The file descriptors this process holds on one SQLite file and its companions, read from Linux's {@code /proc/self/fd}. */
final class OpenDescriptors {
    private static final Path PROC_FDS = Path.of("/proc/self/fd");

    private OpenDescriptors() {}

    /**
     * What this process has open on {@code db} or its {@code -wal}, {@code -shm} and {@code -journal} files, as
     * {@code "fd 12 -> /tmp/…/forensics.db-wal"}; empty when the OS does not tell ({@code /proc} missing).
     */
    static Optional<List<String>> on(Path db) {
        if (!Files.isDirectory(PROC_FDS)) {
            return Optional.empty();
        }
        String name = db.toAbsolutePath().normalize().toString();
        try (Stream<Path> fds = Files.list(PROC_FDS)) {
            return Optional.of(fds.map(fd -> "fd " + fd.getFileName() + " -> " + target(fd))
                    .filter(line -> line.endsWith(" -> " + name) || line.contains(" -> " + name + "-"))
                    .sorted()
                    .toList());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return ""; // closed between the listing and the read: not open any more
        }
    }
}
