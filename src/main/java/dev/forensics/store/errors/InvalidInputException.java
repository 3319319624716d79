package dev.forensics.store.errors;

import dev.forensics.store.Remedy;
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

    /** Creates the error whose fix is {@code remedy}; {@code problem} names the database, the remedy says what to do. */
    public InvalidInputException(String problem, Remedy remedy, Throwable cause) {
        super(problem, remedy, cause);
    }
}
