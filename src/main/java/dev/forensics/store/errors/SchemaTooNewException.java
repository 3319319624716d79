package dev.forensics.store.errors;

/**
 * The database was migrated by a newer version of this library; upgrade the library, do not write to it with this one.
 */
public class SchemaTooNewException extends SchemaException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; the message names the database and what to do. */
    public SchemaTooNewException(String message) {
        super(message);
    }

    /** Creates the error, keeping the driver or Flyway error that caused it. */
    public SchemaTooNewException(String message, Throwable cause) {
        super(message, cause);
    }
}
