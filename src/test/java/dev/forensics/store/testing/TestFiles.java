package dev.forensics.store.testing;

import dev.forensics.store.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Fixtures shared by tests: migrated database files and the process's open file descriptors. */
public final class TestFiles {
    private TestFiles() {}

    /** Migrates a new database file named {@code name} in {@code dir} and returns its path. */
    public static Path migrated(Path dir, String name) {
        Path file = dir.resolve(name);
        Repository.migrate(file);
        return file;
    }

    /** Migrates {@code forensics.db} in {@code dir}. */
    public static Path migrated(Path dir) {
        return migrated(dir, "forensics.db");
    }

    /**
     * How many file descriptors this process has open on the SQLite file {@code db} or its {@code -wal}, {@code -shm} and
     * {@code -journal} companions. A leak check counts these, never the whole process's descriptors, which the JVM
     * moves on its own (jars opened on first use of a class, JIT, GC): one such jar failed a CI run.
     */
    public static long openFileDescriptorsOn(Path db) {
        String prefix = db.toAbsolutePath().normalize().toString();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(TestFiles::target)
                    .filter(target -> target.equals(prefix) || target.startsWith(prefix + "-"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How many file descriptors this process has open on files inside {@code dir} (at any depth): the databases of a
     * test directory and their companions, whatever the JVM itself opens elsewhere (jars, JIT, sockets).
     */
    public static long openFileDescriptorsUnder(Path dir) {
        String prefix = dir.toAbsolutePath().normalize() + "/";
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(TestFiles::target)
                    .filter(target -> target.startsWith(prefix))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
