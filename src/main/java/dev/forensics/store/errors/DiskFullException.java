package dev.forensics.store.errors;

import dev.forensics.store.StoreException;

/**
 * The disk holding the database is full; the failing transaction was rolled back, and earlier ones are intact.
 */
public class DiskFullException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; the message names the database and what to do. */
    public DiskFullException(String message) {
        super(message);
    }

    /** Creates the error, keeping the driver or Flyway error that caused it. */
    public DiskFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
