package dev.forensics.store.errors;

import dev.forensics.store.Remedy;
import dev.forensics.store.StoreException;

/**
 * The database cannot be opened where it was asked for: a missing directory, a path that is a directory, or a file that does not exist.
 */
public class DatabaseLocationException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; the message names the database and what to do. */
    public DatabaseLocationException(String message) {
        super(message);
    }

    /** Creates the error, keeping the driver or Flyway error that caused it. */
    public DatabaseLocationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the error whose fix is {@code remedy}; {@code problem} names the database, the remedy says what to do. */
    public DatabaseLocationException(String problem, Remedy remedy, Throwable cause) {
        super(problem, remedy, cause);
    }
}
