package dev.forensics.store.internal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/** The transaction runner of one Repository as its Jdbi Handle sees it (see {@link RunnerTransactionHandler}). */
public interface HandleTransactions {

    /** Runs {@code callback} with {@code handle} in a transaction of the Repository (a savepoint when one is open). */
    <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X;

    /** Whether a transaction of the Repository is open on this thread's call right now. */
    boolean inTransaction();
}
