package dev.forensics.store.errors;

import dev.forensics.store.Remedy;
import dev.forensics.store.StoreException;

/**
 * The database's schema does not match this library: not migrated, migrated by a newer version, or its migration history was altered.
 */
public class SchemaException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; the message names the database and what to do. */
    public SchemaException(String message) {
        super(message);
    }

    /** Creates the error, keeping the driver or Flyway error that caused it. */
    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the error whose fix is {@code remedy}; {@code problem} names the database, the remedy says what to do. */
    public SchemaException(String problem, Remedy remedy, Throwable cause) {
        super(problem, remedy, cause);
    }
}
