package dev.forensics.store.errors;

import dev.forensics.store.StoreException;

/**
 * The database, or the directory that must hold its {@code -wal} and {@code -shm} files, cannot be written.
 */
public class ReadOnlyDatabaseException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; the message names the database and what to do. */
    public ReadOnlyDatabaseException(String message) {
        super(message);
    }

    /** Creates the error, keeping the driver or Flyway error that caused it. */
    public ReadOnlyDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
