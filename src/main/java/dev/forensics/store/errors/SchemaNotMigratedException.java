package dev.forensics.store.errors;

import dev.forensics.store.Remedy;

/**
 * The database has no schema, or an older one than this library needs; its {@link #remedy()} is
 * {@link Remedy#MIGRATE} ({@code Repository.migrate(...)}).
 */
public class SchemaNotMigratedException extends SchemaException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; the message names the database and what to do. */
    public SchemaNotMigratedException(String message) {
        super(message);
    }

    /** Creates the error, keeping the driver or Flyway error that caused it. */
    public SchemaNotMigratedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the error whose fix is {@code remedy}; {@code problem} names the database, the remedy says what to do. */
    public SchemaNotMigratedException(String problem, Remedy remedy, Throwable cause) {
        super(problem, remedy, cause);
    }
}
