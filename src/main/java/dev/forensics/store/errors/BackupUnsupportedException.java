package dev.forensics.store.errors;

/**
 * A file backup or restore was asked of a database that is not a file (PostgreSQL); the message names the server's
 * own tools. Nothing was read or written.
 */
public class BackupUnsupportedException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; the message names the database and the tools to use instead. */
    public BackupUnsupportedException(String message) {
        super(message);
    }
}
