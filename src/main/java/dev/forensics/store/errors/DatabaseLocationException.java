package dev.forensics.store.errors;

import dev.forensics.store.Remedy;
import dev.forensics.store.StoreException;

/**
 * The database cannot be opened where it was asked for: a missing directory, a path that is a directory, a special
 * name ({@code :memory:}, a {@code file:} URI), or (PostgreSQL) a database the server does not have. A SQLite file that
 * does not exist yet is a {@link SchemaNotMigratedException} instead: migrating creates it.
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
