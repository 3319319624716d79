package dev.forensics.store;

import dev.forensics.store.article.ArticleDao;
import dev.forensics.store.author.AuthorDao;
import dev.forensics.store.errors.DatabaseBusyException;
import dev.forensics.store.internal.BusyRetry;
import dev.forensics.store.internal.DaoContext;
import dev.forensics.store.internal.HandleTransactions;
import dev.forensics.store.internal.LeakDetector;
import dev.forensics.store.internal.SharedJdbi;
import dev.forensics.store.internal.TransactionObserver;
import dev.forensics.store.internal.TransactionState;
import dev.forensics.store.llmcache.LlmCacheDao;
import dev.forensics.store.metrics.TransactionOutcome;
import dev.forensics.store.schema.MigrationReport;
import dev.forensics.store.schema.Migrator;
import dev.forensics.store.schema.SchemaVersion;
import dev.forensics.store.sqlite.SqliteDatabase;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;

/**
 * One block of database work on one connection (ADR-005): {@code new Repository(path)} opens exactly one
 * connection, every DAO call and transaction of the block uses it, and {@link #close()} releases it.
 * <pre>{@code
 * try (var repo = new Repository(Path.of("forensics.db"))) {
 *     boolean seen = repo.articles().existsByUrl(url);            // autocommit read
 *     int n = repo.transaction(tx -> {                             // BEGIN IMMEDIATE ... COMMIT
 *         for (var a : batch) tx.articles().upsert(a);
 *         return batch.size();
 *     });                                                          // any exception: ROLLBACK, then rethrow
 * }
 * }</pre>
 * Opening does not migrate: it checks the schema version and fails with a typed error when the file needs
 * {@link #migrate(Path)}. One thread at a time: a call from another thread while a call or transaction of the
 * block is running throws {@link IllegalStateException} naming the thread using it; handing an idle block to another
 * thread is allowed (give each thread its own for concurrent work). A write outside a transaction either is stored or
 * throws; a transaction the database rolled back by itself (a full disk, say) is never committed in part (ADR-011).
 * One dropped without {@code close()} is logged with where it was opened, and its connection closed, when it is
 * garbage-collected.
 */
public final class Repository implements DataAccess, AutoCloseable {
    private final Database database;
    private final Block block;
    private final Connection connection;
    private final DaoContext context;
    private final TransactionState state;
    private final LeakDetector.Registration leakRegistration;
    private final TransactionObserver observer;
    private final BusyRetry retry;
    private AuthorDao authors;
    private ArticleDao articles;
    private LlmCacheDao llmCache;
    private boolean commitAttempted;
    private boolean closed;

    /**
     * Opens the migrated SQLite file at {@code file} with the default options.
     *
     * @throws StoreException a typed subclass when the file is missing, not migrated, too new, not a database,
     *                        or cannot be opened; nothing stays open then
     */
    public Repository(Path file) {
        this(file, StoreOptions.defaults());
    }

    /** Opens the migrated SQLite file at {@code file} with these options; throws as {@link #Repository(Path)}. */
    public Repository(Path file, StoreOptions options) {
        this(new SqliteDatabase(file, options));
    }

    /** Opens one connection to {@code database} and checks its schema; throws as {@link #Repository(Path)}. */
    public Repository(Database database) {
        this.database = database;
        this.connection = database.connect();
        try {
            SchemaVersion.verify(database.migration().schemaVersionAtOpen(connection), database.displayName());
        } catch (SQLException e) {
            throw closeAfterFailedOpen(database.translate(e, "checking the schema version"));
        } catch (RuntimeException e) {
            throw closeAfterFailedOpen(e);
        }
        this.state = new TransactionState(database, connection);
        this.context = new DaoContext(
                state, database.options().clock(), database.options().metrics(), connection);
        this.block = new Block(connection, context);
        this.observer = new TransactionObserver(database.displayName(), database.options());
        this.retry = new BusyRetry(database.options(), observer);
        this.leakRegistration = LeakDetector.register(
                this, block, database.displayName(), database.options().leakDetection());
    }

    /**
     * Creates or upgrades the SQLite file at {@code file} to this library's schema with Flyway and reports what
     * was applied. Safe to call from several processes at once: they take turns.
     *
     * @throws StoreException a typed subclass when the location is unusable, the file is not ours, or a migration fails
     */
    public static MigrationReport migrate(Path file) {
        return Migrator.migrate(new SqliteDatabase(file, StoreOptions.defaults()));
    }

    /**
     * Creates or upgrades any {@link Database} (a {@link dev.forensics.store.postgres.PostgresDatabase}, say) to this
     * library's schema and reports what was applied; concurrent callers take turns.
     *
     * @throws StoreException a typed subclass when the database is unusable or a migration fails
     */
    public static MigrationReport migrate(Database database) {
        return Migrator.migrate(database);
    }

    /** How many Repositories are open in this JVM right now (for leak checks in tests and daemons). */
    public static int openCount() {
        return LeakDetector.openCount();
    }

    /** The database this Repository works on. */
    public Database database() {
        return database;
    }

    @Override
    public AuthorDao authors() {
        return authors = attached(authors, AuthorDao::new);
    }

    @Override
    public ArticleDao articles() {
        return articles = attached(articles, ArticleDao::new);
    }

    @Override
    public LlmCacheDao llmCache() {
        return llmCache = attached(
                llmCache,
                (h, c) -> new LlmCacheDao(h, c, this, () -> state.depth() > 0, database.options(), this::freePages));
    }

    /**
     * {@inheritDoc}
     * <p>With {@link StoreOptions#transactionRetries()} &gt; 0 (off by default, ADR-007), a top-level transaction that
     * could not get the write lock ({@link DatabaseBusyException} at {@code BEGIN} or before {@code COMMIT} was issued;
     * everything was rolled back) runs the <em>whole lambda</em> again after a jittered backoff. Anything the lambda does
     * outside the database (HTTP calls, counters, messages) may then happen more than once. Never retried once a
     * {@code COMMIT} was attempted. Transactions slower than {@link StoreOptions#slowTransaction()} are logged with the caller.
     */
    @Override
    public <T, X extends Exception> T transaction(TransactionCallback<T, X> work) throws X {
        state.enter();
        try {
            return state.depth() > 0 ? inSavepoint(work) : inNewTransactionWithRetries(work);
        } finally {
            state.exit();
        }
    }

    private <T, X extends Exception> T inNewTransactionWithRetries(TransactionCallback<T, X> work) throws X {
        return retry.run(
                () -> {
                    T result = inNewTransaction(work);
                    state.afterCommit(context.takeRowsWritten());
                    return result;
                },
                () -> commitAttempted);
    }

    /**
     * Runs {@code callback} with the block's Jdbi handle, for queries the DAOs do not offer. Do not close the
     * handle or keep it past the call; driver errors become typed StoreExceptions. Inside a transaction its statements
     * join it. Outside one they run in autocommit, where SQLite commits a write when its statement is reset and
     * sqlite-jdbc drops that commit's error: run writes of your own inside {@code transaction(...)}, or read a
     * {@code RETURNING} statement to its end. On SQLite the driver fetches no generated keys (it would run a query of
     * its own after every {@code INSERT}): read a new row's id with {@code INSERT ... RETURNING id}.
     *
     * @throws IllegalStateException when the block is closed or in use by another thread
     */
    public <T, X extends Exception> T withHandle(HandleCallback<T, X> callback) throws X {
        state.enter();
        try {
            state.checkUsable("running a query");
            return callback.withHandle(handle());
        } catch (org.jdbi.v3.core.JdbiException e) {
            throw context.translate(e, "running a query");
        } finally {
            state.exit();
        }
    }

    /**
     * Closes the connection; idempotent. DAOs and the handle of this block throw {@link IllegalStateException} after it.
     *
     * @throws IllegalStateException inside a transaction lambda (the lambda's end closes the transaction; close the
     *                               Repository after it), or while another thread is using the block
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (llmCache != null && state.depth() == 0) {
            llmCache.flushUsage();
        }
        state.enter();
        try {
            if (state.depth() > 0) {
                throw new IllegalStateException("close() inside a transaction lambda on " + database.displayName()
                        + ": the transaction is still open; close the Repository after transaction(...) returns");
            }
            closed = true;
            state.close();
        } finally {
            state.exit();
        }
        RuntimeException failure = null;
        try {
            state.release();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            block.close();
        } catch (SQLException | RuntimeException e) {
            if (failure == null) {
                failure = context.translate(e, "closing the database");
            } else {
                failure.addSuppressed(e);
            }
        } finally {
            leakRegistration.release();
        }
        if (failure != null) {
            throw context.translate(failure, "closing the database");
        }
    }

    /**
     * The block's Jdbi Handle, opened on first use (SqlObjects, {@link #withHandle}): a block that only runs the DAOs'
     * hand-bound statements (lookups, cache reads and writes, upserts) never pays for one (issue 13: a Handle's
     * configuration copy was half the library's CPU time of an open + lookup + close).
     */
    private Handle handle() {
        return block.handle(this);
    }

    /** The database's free pages (LLM cache stats), empty where the database has no such figure. */
    private OptionalLong freePages() {
        try {
            return database.freePages(connection);
        } catch (SQLException e) {
            throw database.translate(e, "reading the free pages");
        }
    }

    private <T, X extends Exception> T inNewTransaction(TransactionCallback<T, X> work) throws X {
        commitAttempted = false;
        long start = System.nanoTime();
        try {
            state.begin();
        } catch (StoreException failure) {
            observer.ended(
                    failure instanceof DatabaseBusyException ? TransactionOutcome.BUSY : TransactionOutcome.ROLLBACK,
                    start,
                    System.nanoTime());
            throw failure;
        }
        long begun = System.nanoTime();
        T result;
        Transaction tx = new Transaction(this);
        try {
            result = work.inTransaction(tx);
        } catch (Throwable failure) {
            state.rollbackAfter(failure);
            observer.ended(
                    failure instanceof DatabaseBusyException ? TransactionOutcome.BUSY : TransactionOutcome.ROLLBACK,
                    start,
                    begun);
            throw failure;
        } finally {
            tx.end();
        }
        commitAttempted = true;
        try {
            state.commit();
        } catch (StoreException failure) {
            observer.ended(TransactionOutcome.ROLLBACK, start, begun);
            throw failure;
        }
        observer.ended(TransactionOutcome.COMMIT, start, begun);
        return result;
    }

    private <T, X extends Exception> T inSavepoint(TransactionCallback<T, X> work) throws X {
        String savepoint = state.enterSavepoint();
        Transaction tx = new Transaction(this);
        try {
            T result = work.inTransaction(tx);
            state.releaseSavepoint(savepoint);
            return result;
        } catch (Throwable failure) {
            state.rollbackSavepointAfter(savepoint, failure);
            throw failure;
        } finally {
            state.leaveSavepoint();
            tx.end();
        }
    }

    private RuntimeException closeAfterFailedOpen(RuntimeException failure) {
        try {
            connection.close();
        } catch (SQLException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
        return failure;
    }

    /**
     * The Repository's transaction runner as its Jdbi Handle sees it: {@code handle.inTransaction(...)} becomes
     * {@link #transaction}. Holds the Repository weakly, so the Handle (which the leak detector's cleanup holds) does not
     * keep a dropped Repository reachable.
     */
    private static final class HandleBridge implements HandleTransactions {
        private final WeakReference<Repository> repository;

        HandleBridge(Repository repository) {
            this.repository = new WeakReference<>(repository);
        }

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
            Repository repo = repository.get();
            if (repo == null) {
                throw new IllegalStateException("the Repository of this Handle is gone");
            }
            return repo.transaction(tx -> callback.withHandle(handle));
        }

        @Override
        public boolean inTransaction() {
            Repository repo = repository.get();
            // Called by Jdbi while the Handle is built, before the Repository's state exists.
            return repo != null && repo.state != null && repo.state.depth() > 0;
        }
    }

    /**
     * DAOs are attached on first use, so a block pays only for the ones it calls; they get the block's Handle through
     * {@link #handle()}, opened when one of them first needs it.
     */
    private <D> D attached(D existing, BiFunction<Supplier<Handle>, DaoContext, D> attach) {
        state.enter();
        try {
            return existing != null ? existing : attach.apply(this::handle, context);
        } finally {
            state.exit();
        }
    }

    /**
     * What a block holds open: its connection, the statements cached on it, and its Jdbi Handle once opened. What the
     * leak detector closes when a Repository is dropped without {@code close()}, so it must not reach the Repository.
     */
    private static final class Block implements AutoCloseable {
        private final Connection connection;
        private final DaoContext context;
        private volatile Handle handle;

        Block(Connection connection, DaoContext context) {
            this.connection = connection;
            this.context = context;
        }

        Handle handle(Repository repository) {
            if (handle == null) {
                handle = SharedJdbi.open(connection, new HandleBridge(repository), context);
            }
            return handle;
        }

        /** Closes the Handle, which closes the statements and then the connection; without one, those two itself. */
        @Override
        public void close() throws SQLException {
            if (handle != null) {
                handle.close();
                return;
            }
            try {
                context.closeStatements();
            } finally {
                connection.close();
            }
        }
    }
}
