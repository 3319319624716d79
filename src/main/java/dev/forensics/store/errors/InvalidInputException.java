package dev.forensics.store.errors;

import dev.forensics.store.StoreException;

/**
 * Input given to the store (an ingest file, a cache value) is malformed; nothing of it was written.
 * The message names the file and line, or the value, and what to fix.
 */
public class InvalidInputException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; the message names the input and what to fix. */
    public InvalidInputException(String message) {
        super(message);
    }

    /** Creates the error, keeping the parser error that caused it. */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
