package dev.forensics.store.cli;

/** A failure a command reports as one {@code error: ...} line with a chosen exit code, never with a stack trace. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** A failure that ends the command with {@code exitCode} (see {@link ExitCode}). */
    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
