package dev.forensics.store.cli;

/** The CLI's exit codes, as documented in the README. */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** Something asked for is not there (a cache miss, a missing database file), or {@code check} found problems. */
    public static final int NOT_FOUND = 1;
    /** {@code check} or {@code validate} found problems; the same code as {@link #NOT_FOUND}. */
    public static final int CHECK_FAILED = 1;
    /** Bad usage (unknown option, missing argument) or bad input (malformed JSON Lines, non-JSON cache value). */
    public static final int BAD_INPUT = 2;
    /** The database failed (locked, damaged, not migrated, read-only, disk full); the message says what to do. */
    public static final int DATABASE_ERROR = 3;
    /** Anything else: a bug. Run again with {@code --verbose} and report the stack trace. */
    public static final int UNEXPECTED = 4;

    private ExitCode() {}
}
