package dev.forensics.store;

import dev.forensics.store.article.ArticleDao;
import dev.forensics.store.author.AuthorDao;
import dev.forensics.store.llmcache.LlmCacheDao;

/**
 * The DAOs and the transaction calls, as offered by a {@link Repository} (autocommit: each call is its own
 * transaction) and by the {@link Transaction} a transaction lambda receives (every call joins that transaction).
 */
public interface DataAccess {

    /** Authors, by id and by slug. */
    AuthorDao authors();

    /** Articles, upserted by URL. */
    ArticleDao articles();

    /** The LLM analysis cache, keyed by the URL's SHA-256. */
    LlmCacheDao llmCache();

    /**
     * Runs {@code work} in one transaction and returns its value. At the top level the transaction starts with
     * the write lock held ({@code BEGIN IMMEDIATE} on SQLite) and commits when the lambda returns; inside another
     * transaction it runs in a savepoint, so its failure undoes only its own writes. Any exception, checked or
     * not, rolls back and propagates unchanged. With {@code StoreOptions.transactionRetries} &gt; 0 (off by default,
     * ADR-007) a top-level lambda that could not get the write lock runs again from the start: anything it does outside
     * the database may then happen more than once.
     *
     * @throws dev.forensics.store.errors.DatabaseBusyException when the write lock was not free within the busy timeout
     *                                                         (and every retry, when retries are on)
     * @throws X whatever the lambda throws, after the rollback
     */
    <T, X extends Exception> T transaction(TransactionCallback<T, X> work) throws X;

    /** Like {@link #transaction(TransactionCallback)}, for work that returns nothing. */
    default <X extends Exception> void useTransaction(TransactionConsumer<X> work) throws X {
        transaction(tx -> {
            work.useTransaction(tx);
            return null;
        });
    }
}
