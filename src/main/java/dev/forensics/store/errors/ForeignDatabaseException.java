package dev.forensics.store.errors;

import dev.forensics.store.StoreException;

/**
 * The file is a SQLite database of another application (its {@code application_id} is not ours); it was neither opened for writing nor migrated.
 */
public class ForeignDatabaseException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; the message names the database and what to do. */
    public ForeignDatabaseException(String message) {
        super(message);
    }

    /** Creates the error, keeping the driver or Flyway error that caused it. */
    public ForeignDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
