package dev.forensics.store.errors;

import dev.forensics.store.StoreException;

/**
 * The database has no schema, or an older one than this library needs; run {@code forensics-store migrate --db FILE}.
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
}
