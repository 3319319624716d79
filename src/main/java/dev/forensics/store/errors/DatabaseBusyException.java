package dev.forensics.store.errors;

import dev.forensics.store.StoreException;

/**
 * The write lock (or a row lock) could not be had within the busy timeout; nothing of the failed transaction was written and it may be retried.
 */
public class DatabaseBusyException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; the message names the database and what to do. */
    public DatabaseBusyException(String message) {
        super(message);
    }

    /** Creates the error, keeping the driver or Flyway error that caused it. */
    public DatabaseBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
