package dev.forensics.store.errors;

import dev.forensics.store.StoreException;

/**
 * A write broke a constraint of the schema (a missing author for an article, a NULL where a value is required); the transaction was rolled back.
 */
public class ConstraintViolationException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; the message names the database and what to do. */
    public ConstraintViolationException(String message) {
        super(message);
    }

    /** Creates the error, keeping the driver or Flyway error that caused it. */
    public ConstraintViolationException(String message, Throwable cause) {
        super(message, cause);
    }
}
