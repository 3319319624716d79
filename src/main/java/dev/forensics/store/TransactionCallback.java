package dev.forensics.store;

/**
 * Work run inside one transaction that returns a value; see {@link DataAccess#transaction(TransactionCallback)}.
 *
 * @param <T> what the work returns
 * @param <X> the checked exception it may throw (use {@link RuntimeException} for none)
 */
@FunctionalInterface
public interface TransactionCallback<T, X extends Exception> {
    /** Does the work with the transaction's DAOs; any exception rolls the transaction back. */
    T inTransaction(Transaction tx) throws X;
}
