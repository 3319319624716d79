package dev.forensics.store.errors;

import dev.forensics.store.Remedy;

/**
 * A Flyway migration or validation failed (for example, an applied migration's checksum changed); the database is left as it was before the failing migration.
 */
public class MigrationFailedException extends SchemaException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; the message names the database and what to do. */
    public MigrationFailedException(String message) {
        super(message);
    }

    /** Creates the error, keeping the driver or Flyway error that caused it. */
    public MigrationFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the error whose fix is {@code remedy}; {@code problem} names the database, the remedy says what to do. */
    public MigrationFailedException(String problem, Remedy remedy, Throwable cause) {
        super(problem, remedy, cause);
    }
}
