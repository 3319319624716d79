package dev.forensics.store.internal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The Jdbi {@link TransactionHandler} of every Handle the library opens: {@code handle.inTransaction(...)} and
 * {@code useTransaction(...)} run through the Repository's own transaction runner (BEGIN IMMEDIATE on SQLite, the
 * savepoints, busy retry, the observer, the after-commit hook), so {@code repo.withHandle(h -> h.inTransaction(...))}
 * cannot bypass it or leave the connection in manual-commit mode. Jdbi's begin/commit/rollback and savepoint calls on
 * such a Handle are refused: the Repository owns them. {@link #specialize(Handle)} binds each Handle to the runner that
 * {@link SharedJdbi#open} was given.
 */
final class RunnerTransactionHandler implements TransactionHandler {
    private final ThreadLocal<HandleTransactions> pending;
    private final HandleTransactions runner;

    RunnerTransactionHandler(ThreadLocal<HandleTransactions> pending) {
        this.pending = pending;
        this.runner = null;
    }

    private RunnerTransactionHandler(HandleTransactions runner) {
        this.pending = null;
        this.runner = runner;
    }

    /** The handler of one Handle, bound to the runner of the {@link SharedJdbi#open} call that opens it. */
    @Override
    public TransactionHandler specialize(Handle handle) {
        HandleTransactions bound = pending == null ? runner : pending.get();
        if (bound == null) {
            throw new IllegalStateException(
                    "SharedJdbi opens Handles only with a transaction runner: use SharedJdbi.open(Connection, ...)");
        }
        return new RunnerTransactionHandler(bound);
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        return bound().inTransaction(handle, callback);
    }

    /** Only {@link TransactionIsolationLevel#UNKNOWN} (the database's own level): the isolation is the database's. */
    @Override
    public <R, X extends Exception> R inTransaction(
            Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback) throws X {
        if (level != TransactionIsolationLevel.UNKNOWN) {
            throw refused(
                    "inTransaction(" + level
                            + ", ...): the isolation level is the database's (READ COMMITTED on PostgreSQL, serializable on SQLite)");
        }
        return inTransaction(handle, callback);
    }

    @Override
    public boolean isInTransaction(Handle handle) {
        return bound().inTransaction();
    }

    @Override
    public void begin(Handle handle) {
        throw refused("begin()");
    }

    @Override
    public void commit(Handle handle) {
        throw refused("commit()");
    }

    @Override
    public void rollback(Handle handle) {
        throw refused("rollback()");
    }

    @Override
    public void savepoint(Handle handle, String name) {
        throw refused("savepoint(" + name + ")");
    }

    @Override
    public void rollbackToSavepoint(Handle handle, String name) {
        throw refused("rollbackToSavepoint(" + name + ")");
    }

    @Override
    public void releaseSavepoint(Handle handle, String name) {
        throw refused("releaseSavepoint(" + name + ")");
    }

    private HandleTransactions bound() {
        if (runner == null) {
            throw new IllegalStateException("this TransactionHandler is bound to a Handle by specialize(Handle)");
        }
        return runner;
    }

    private static UnsupportedOperationException refused(String call) {
        return new UnsupportedOperationException(
                call + " on a Repository's Handle: the Repository owns its transactions;"
                        + " use handle.inTransaction(...) / useTransaction(...) or repo.transaction(...), which nest as savepoints");
    }
}
