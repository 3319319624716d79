package dev.forensics.store.errors;

import dev.forensics.store.StoreException;

/**
 * The database rolled back (or aborted) the open transaction by itself after an error inside it, so nothing of that
 * transaction was written: {@code transaction(...)} throws this instead of committing the part that was left, and every
 * statement the lambda tries after the database ended the transaction throws it too. {@link #getCause()} is the
 * error that ended the transaction (a {@link DiskFullException}, say); run the whole transaction again once that is
 * fixed.
 */
public class TransactionRolledBackException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; {@code cause} is the typed error after which the database ended the transaction. */
    public TransactionRolledBackException(String message, StoreException cause) {
        super(message, cause);
    }

    /** The typed error after which the database ended the transaction. */
    public StoreException reason() {
        return (StoreException) getCause();
    }
}
