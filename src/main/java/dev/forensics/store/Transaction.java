package dev.forensics.store;

import dev.forensics.store.article.ArticleDao;
import dev.forensics.store.author.AuthorDao;
import dev.forensics.store.llmcache.LlmCacheDao;

/**
 * The view a transaction lambda receives: the same DAOs as its {@link Repository}, every call part of the open
 * transaction. It is valid only while the lambda runs: calling it afterwards throws {@link IllegalStateException}.
 * A DAO taken from it ({@code tx.authors()}) is the Repository's own DAO, not bound to the transaction: kept past the
 * lambda, its calls still work, each in autocommit (its own transaction).
 */
public final class Transaction implements DataAccess {
    private final Repository repository;
    private boolean active = true;

    Transaction(Repository repository) {
        this.repository = repository;
    }

    @Override
    public AuthorDao authors() {
        return active().authors();
    }

    @Override
    public ArticleDao articles() {
        return active().articles();
    }

    @Override
    public LlmCacheDao llmCache() {
        return active().llmCache();
    }

    /** Runs {@code work} in a savepoint of this transaction; its failure undoes only its own writes. */
    @Override
    public <T, X extends Exception> T transaction(TransactionCallback<T, X> work) throws X {
        return active().transaction(work);
    }

    void end() {
        active = false;
    }

    private Repository active() {
        if (!active) {
            throw new IllegalStateException("this transaction has ended: use the Transaction only inside its lambda");
        }
        return repository;
    }
}
