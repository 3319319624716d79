package dev.forensics.store.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Standard input copied to a file, for {@code ingest -}: the ingest validates every line before it writes one, so it
 * reads its input twice, and a pipe can be read once. The copy is {@code <tmpdir>/forensics-ingest-*}{@code /stdin},
 * so messages about its lines read {@code …/stdin:LINE: reason}; {@link #close()} deletes it.
 */
final class StdinSpool implements AutoCloseable {
    /** The file argument that means standard input. */
    static final Path DASH = Path.of("-");

    private final Path dir;
    private final Path file;

    private StdinSpool(Path dir, Path file) {
        this.dir = dir;
        this.file = file;
    }

    /**
     * Copies {@code stdin} to end of stream into a new temporary file.
     *
     * @throws CliException (exit 2) when the copy fails, a full temporary directory say; nothing is left behind
     */
    static StdinSpool copy(InputStream stdin) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("forensics-ingest-");
            Path file = dir.resolve("stdin");
            Files.copy(stdin, file);
            return new StdinSpool(dir, file);
        } catch (IOException e) {
            String where = dir != null ? dir.toString() : "the temporary directory " + System.getProperty("java.io.tmpdir");
            CliException failure = new CliException(ExitCode.BAD_INPUT, "cannot copy standard input to " + where + ": " + e.getMessage()
                    + "; free space there, set -Djava.io.tmpdir, or give the input as a file");
            if (dir != null) {
                try {
                    delete(dir);
                } catch (IOException cleanup) {
                    failure.addSuppressed(cleanup);
                }
            }
            throw failure;
        }
    }

    /** The copy of standard input. */
    Path file() {
        return file;
    }

    /** Deletes the copy and its directory. */
    @Override
    public void close() {
        try {
            delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the copy of standard input in " + dir, e);
        }
    }

    /** Deletes the copy, if it was made, and its directory. */
    private static void delete(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve("stdin"));
        Files.deleteIfExists(dir);
    }
}
