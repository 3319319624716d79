package dev.forensics.store.errors;

import dev.forensics.store.StoreException;

/**
 * The file is not a database, or is damaged (truncated, overwritten); the file is left untouched.
 */
public class CorruptDatabaseException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; the message names the database and what to do. */
    public CorruptDatabaseException(String message) {
        super(message);
    }

    /** Creates the error, keeping the driver or Flyway error that caused it. */
    public CorruptDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
