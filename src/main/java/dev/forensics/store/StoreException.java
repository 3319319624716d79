package dev.forensics.store;

/**
 * Root of every error this library throws; unchecked, so callers catch only what they can act on.
 * The specific subclasses in {@link dev.forensics.store.errors} say what went wrong; each message names
 * the database and the fix, and the original {@link java.sql.SQLException}, if any, is the cause.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an error with a message that names the database and what to do. */
    public StoreException(String message) {
        super(message);
    }

    /** Creates an error with a message that names the database and what to do, keeping its cause. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
