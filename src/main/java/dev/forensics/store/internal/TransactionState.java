package dev.forensics.store.internal;

import dev.forensics.store.Database;
import dev.forensics.store.StoreException;
import dev.forensics.store.TransactionControl;
import dev.forensics.store.TransactionWatch;
import dev.forensics.store.errors.TransactionRolledBackException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * The transaction state of one Repository's connection, and the one place that begins, commits and rolls back on it
 * (ADR-011): which thread is using the block, how deep the open transaction is nested, and whether the database has
 * ended or aborted that transaction by itself.
 * <p>
 * <b>Ended by the database.</b> After {@code SQLITE_FULL}, {@code SQLITE_IOERR}, {@code SQLITE_NOMEM} and some
 * {@code SQLITE_BUSY} errors SQLite may roll the whole transaction back by itself, savepoints included (sqlite.org,
 * "Response To Errors Within A Transaction", lang_transaction.html); every later statement would then run in autocommit
 * and commit on its own. So after any error inside a transaction this class asks the database what is left of it
 * ({@link TransactionWatch#afterError}); once the answer is {@code ENDED}, every further statement of the lambda throws
 * {@link TransactionRolledBackException} and so does the end of {@code transaction(...)}. A transaction the database
 * merely {@code ABORTED} (PostgreSQL) is refused at commit unless a savepoint rollback cleared it.
 * <p>
 * <b>One thread at a time.</b> {@link #enter()} claims the block for the calling thread for the length of one call or
 * transaction (a compare of the owner field; a compare-and-set when the block was idle) and {@link #exit()} gives it
 * back when the outermost call returns. A call from another thread while the block is in use throws
 * {@link IllegalStateException} naming the owner; handing an idle block to another thread is allowed.
 * <p>
 * <b>Writes outside a transaction</b> run, where {@link TransactionWatch#autocommitWritesNeedATransaction()} says so,
 * inside an explicit {@code BEGIN}/{@code COMMIT}, so that a failed commit is an exception and never a lost row.
 */
public final class TransactionState {
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(TransactionState.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Database database;
    private final TransactionControl control;
    private final Connection connection;
    private final TransactionWatch watch;
    private volatile Thread owner;
    private int uses;
    private int depth;
    private StoreException endedBy;
    private int abortedDepth;
    private boolean closed;

    /**
     * The state of {@code connection}, opened on {@code database}; nothing is running yet. Every begin, commit, rollback
     * and savepoint goes through {@code database.transactions()}, asked once here.
     */
    public TransactionState(Database database, Connection connection) {
        this.database = database;
        this.control = database.transactions();
        this.connection = connection;
        this.watch = control.watch(connection);
    }

    /**
     * Claims the block for the calling thread until the matching {@link #exit()}; calls nest.
     *
     * @throws IllegalStateException when the block is closed, or another thread is using it right now
     */
    public void enter() {
        Thread me = Thread.currentThread();
        if (owner != me && !OWNER.compareAndSet(this, null, me)) {
            Thread holder = owner;
            throw new IllegalStateException("this Repository on " + database.displayName() + " is in use by thread \""
                    + (holder == null ? "another thread" : holder.getName()) + "\" (" + me.getName()
                    + " tried to use it):"
                    + " a Repository is one block of work for one thread at a time; open one Repository per thread");
        }
        if (closed) {
            exitQuietly();
            throw new IllegalStateException(
                    "this Repository on " + database.displayName() + " is closed: open a new one");
        }
        uses++;
    }

    /** Ends the call begun by {@link #enter()}; the outermost one makes the block free for any thread. */
    public void exit() {
        if (--uses == 0) {
            OWNER.setRelease(this, null);
        }
    }

    private void exitQuietly() {
        if (uses == 0) {
            owner = null;
        }
    }

    /** How deep the open transaction is nested: 0 outside one, 1 in a top-level lambda, more in savepoints. */
    public int depth() {
        return depth;
    }

    /** Marks the block closed: every later {@link #enter()} throws. */
    public void close() {
        closed = true;
    }

    /**
     * Releases what the transaction control keeps on the connection (SQLite: its prepared BEGIN, COMMIT, ROLLBACK);
     * called once by the Repository's {@code close()}, before the connection closes.
     *
     * @throws StoreException a typed subclass when a statement cannot be closed
     */
    public void release() {
        try {
            control.release(connection);
        } catch (SQLException e) {
            throw database.translate(e, "closing the transaction statements");
        }
    }

    /**
     * Checked before every statement (and by {@code transaction(...)} itself).
     *
     * @throws TransactionRolledBackException once the database has ended the open transaction
     */
    public void checkUsable(String action) {
        if (endedBy != null) {
            throw rolledBack(action + " was not run: ");
        }
    }

    /**
     * Turns a driver error into its typed StoreException and, inside a transaction, records what the error left of it
     * (asking the database, {@link TransactionWatch#afterError}).
     */
    public StoreException failed(SQLException error, String action) {
        StoreException failure = database.translate(error, action);
        if (depth > 0 && endedBy == null) {
            switch (watch.afterError(error)) {
                case ENDED -> endedBy = failure;
                case ABORTED -> abortedDepth = abortedDepth == 0 ? depth : Math.min(abortedDepth, depth);
                case INTACT -> {
                    // only the statement was undone
                }
            }
        }
        return failure;
    }

    /**
     * Begins a top-level transaction.
     *
     * @throws StoreException a typed subclass ({@link dev.forensics.store.errors.DatabaseBusyException} when the write
     *                        lock was not free within the busy timeout); no transaction is open then
     */
    public void begin() {
        try {
            control.begin(connection);
        } catch (SQLException e) {
            throw database.translate(e, "beginning a transaction");
        }
        watch.begun();
        endedBy = null;
        abortedDepth = 0;
        depth = 1;
    }

    /**
     * Commits the top-level transaction the lambda finished, unless the database ended or aborted it meanwhile.
     *
     * @throws TransactionRolledBackException when the database ended or aborted the transaction (it is rolled back)
     * @throws StoreException                 a typed subclass when the commit fails (the transaction is rolled back)
     */
    public void commit() {
        try {
            if (endedBy != null || abortedDepth > 0) {
                TransactionRolledBackException failure = rolledBack("");
                rollbackAfter(failure);
                throw failure;
            }
            try {
                control.commit(connection);
            } catch (SQLException e) {
                StoreException failure = database.translate(e, "committing a transaction");
                rollbackAfter(failure);
                throw failure;
            }
        } finally {
            ended();
        }
    }

    /** Rolls the top-level transaction back after {@code failure}; a failed rollback is attached to it, never thrown. */
    public void rollbackAfter(Throwable failure) {
        try {
            control.rollback(connection);
        } catch (SQLException rollbackFailure) {
            // SQLite may already have rolled back (SQLITE_FULL): keep the first error, attach the second.
            failure.addSuppressed(rollbackFailure);
        } finally {
            ended();
        }
    }

    private void ended() {
        depth = 0;
        endedBy = null;
        abortedDepth = 0;
    }

    /** Opens a savepoint one level deeper and returns its name. */
    public String enterSavepoint() {
        checkUsable("starting a nested transaction");
        String savepoint = "nested_" + depth;
        run(() -> control.savepoint(connection, savepoint), "starting a nested transaction");
        depth++;
        return savepoint;
    }

    /** Releases the savepoint of a nested lambda that returned normally. */
    public void releaseSavepoint(String savepoint) {
        checkUsable("ending a nested transaction");
        if (abortedDepth >= depth) {
            throw new TransactionRolledBackException(
                    "ending a nested transaction on " + database.displayName()
                            + " failed: a statement inside it failed and the database aborted it; its writes are rolled back",
                    null);
        }
        run(() -> control.releaseSavepoint(connection, savepoint), "ending a nested transaction");
    }

    /**
     * Rolls back to the savepoint of a nested lambda that failed, which undoes only its writes and clears an abort
     * inside it; when the database has ended the whole transaction there is no savepoint left, and nothing is run.
     */
    public void rollbackSavepointAfter(String savepoint, Throwable failure) {
        if (endedBy != null) {
            return;
        }
        try {
            run(() -> control.rollbackToSavepoint(connection, savepoint), "rolling back a nested transaction");
            if (abortedDepth >= depth) {
                abortedDepth = 0;
            }
        } catch (StoreException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    /** Leaves the savepoint level entered by {@link #enterSavepoint()}. */
    public void leaveSavepoint() {
        depth--;
    }

    /**
     * Runs one DAO write: inside the open transaction when there is one, else, where the database needs it, in a
     * transaction of its own whose {@code COMMIT} reports the commit's failure.
     */
    public <T> T write(String action, Supplier<T> statement) {
        checkUsable(action);
        if (depth > 0 || !watch.autocommitWritesNeedATransaction()) {
            return statement.get();
        }
        begin();
        T result;
        try {
            result = statement.get();
        } catch (RuntimeException | Error failure) {
            rollbackAfter(failure);
            throw failure;
        }
        commit();
        return result;
    }

    private TransactionRolledBackException rolledBack(String prefix) {
        StoreException reason = endedBy;
        String how = reason != null ? "rolled back by the database" : "aborted by the database";
        String why = reason != null
                ? reason.getMessage()
                : "a statement inside it failed and was not rolled back to a savepoint";
        return new TransactionRolledBackException(
                prefix + "the transaction on " + database.displayName() + " was " + how
                        + ", so nothing of it was written, after: " + why
                        + "; run the whole transaction again once that is fixed",
                reason);
    }

    /**
     * The vendor's hook after a top-level commit ({@link TransactionControl#afterCommit}: SQLite's checkpoint policy),
     * on this connection, outside any transaction; it never throws.
     */
    public void afterCommit(long rowsWritten) {
        control.afterCommit(connection, rowsWritten);
    }

    private void run(SqlStep step, String action) {
        try {
            step.run();
        } catch (SQLException e) {
            throw failed(e, action);
        }
    }

    /** One call of {@link TransactionControl} that may fail with a driver error. */
    @FunctionalInterface
    private interface SqlStep {
        void run() throws SQLException;
    }
}
