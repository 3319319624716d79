package dev.forensics.store.errors;

import dev.forensics.store.StoreException;

/**
 * The calling thread's interrupt flag was set before the store could check what it was about to open: nothing was
 * opened, migrated or changed. The flag is left set, as it was found; the thread is being asked to stop.
 */
public class StoreInterruptedException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the error; the message names the database. */
    public StoreInterruptedException(String message) {
        super(message);
    }

    /** Creates the error, keeping the I/O error the interrupt caused. */
    public StoreInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
