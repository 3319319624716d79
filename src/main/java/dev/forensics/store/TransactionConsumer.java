package dev.forensics.store;

/**
 * Work run inside one transaction that returns nothing; see {@link DataAccess#useTransaction(TransactionConsumer)}.
 *
 * @param <X> the checked exception it may throw (use {@link RuntimeException} for none)
 */
@FunctionalInterface
public interface TransactionConsumer<X extends Exception> {
    /** Does the work with the transaction's DAOs; any exception rolls the transaction back. */
    void useTransaction(Transaction tx) throws X;
}
