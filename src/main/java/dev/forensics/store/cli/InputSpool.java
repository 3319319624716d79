package dev.forensics.store.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inputs of {@code ingest} as files that can be read twice: the ingest validates every line before it writes one,
 * and a pipe can be read once. Standard input ({@code -}) and every input that is not a regular file ({@code /dev/stdin}
 * on a pipe, {@code <(...)}, a FIFO) are copied into {@code <tmpdir>/forensics-ingest-*}{@code /NAME} (NAME is
 * {@code stdin} for {@code -}, else the input's file name), so that messages read {@code …/NAME:LINE: reason}. Regular
 * files, directories and missing paths are passed on as given (the ingest reports the last two). {@link #close()}
 * deletes the copies; it may be called again, and from a shutdown hook while the ingest still reads them.
 */
final class InputSpool implements AutoCloseable {
    /** The file argument that means standard input. */
    static final Path DASH = Path.of("-");

    private Path dir;
    private final List<Path> copies = new ArrayList<>();

    /**
     * {@code files} with standard input and every non-regular file replaced by a copy in this spool.
     *
     * @throws CliException (exit 2) when a copy fails, a full temporary directory say; the copies made are deleted
     */
    List<Path> readableTwice(List<Path> files, InputStream stdin) {
        Set<String> names = new HashSet<>();
        List<Path> inputs = new ArrayList<>(files.size());
        for (Path file : files) {
            if (DASH.equals(file)) {
                inputs.add(copy(stdin, unique(names, "stdin"), "standard input"));
            } else if (Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    inputs.add(copy(in, unique(names, String.valueOf(file.getFileName())), file.toString()));
                } catch (IOException e) {
                    throw failure(file.toString(), e);
                }
            } else {
                inputs.add(file);
            }
        }
        return inputs;
    }

    private Path copy(InputStream in, String name, String what) {
        try {
            Path copy;
            synchronized (this) {
                if (dir == null) {
                    dir = Files.createTempDirectory("forensics-ingest-");
                }
                copy = dir.resolve(name);
                copies.add(copy);
            }
            Files.copy(in, copy);
            return copy;
        } catch (IOException e) {
            throw failure(what, e);
        }
    }

    private CliException failure(String what, IOException e) {
        String where = dir != null ? dir.toString() : "the temporary directory " + System.getProperty("java.io.tmpdir");
        CliException failure = new CliException(
                ExitCode.BAD_INPUT,
                "cannot copy " + what + " to " + where + ": " + e.getMessage()
                        + "; free space there, set -Djava.io.tmpdir, or give the input as a regular file");
        try {
            close();
        } catch (UncheckedIOException cleanup) {
            failure.addSuppressed(cleanup);
        }
        return failure;
    }

    private static String unique(Set<String> names, String name) {
        String unique = name;
        for (int i = 2; !names.add(unique); i++) {
            unique = i + "-" + name;
        }
        return unique;
    }

    /** Deletes the copies and their directory (nothing when no input needed a copy). */
    @Override
    public synchronized void close() {
        if (dir == null) {
            return;
        }
        try {
            for (Path copy : copies) {
                Files.deleteIfExists(copy);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the copies of the input in " + dir, e);
        }
        copies.clear();
        dir = null;
    }
}
