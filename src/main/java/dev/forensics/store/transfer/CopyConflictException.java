package dev.forensics.store.transfer;

import dev.forensics.store.StoreException;

/**
 * The copy's target already holds a row that differs from the source's row with the same key (or another row with the
 * same unique value); the batch holding it was rolled back, earlier batches stay. The message names the table, the key
 * and the first differing column. Copy again with overwriting on, or into an empty target.
 */
public class CopyConflictException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; the message names the conflicting row and what to do. */
    public CopyConflictException(String message) {
        super(message);
    }

    /** Creates the error, keeping the constraint violation that revealed it. */
    public CopyConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
