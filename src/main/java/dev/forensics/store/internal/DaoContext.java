package dev.forensics.store.internal;

import dev.forensics.store.StoreException;
import dev.forensics.store.metrics.StoreMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/**
 * What every DAO of one Repository shares, and the one way their statements run: {@link #read} and {@link #write}
 * claim the block for the calling thread, refuse to run inside a transaction the database has ended, turn Jdbi and
 * driver errors into typed {@link StoreException}s that name the database, and tell the {@link TransactionState} about
 * every error; a write outside a transaction runs in a transaction of its own where the database needs that for its
 * commit's error to be seen (ADR-011). A DAO method that writes must use {@code write}; {@code read} is only for
 * statements that write nothing.
 */
public final class DaoContext {
    private final TransactionState state;
    private final Clock clock;
    private final StoreMetrics metrics;
    private final Connection connection;
    private final StatementCache statements = new StatementCache();
    private long rowsWritten;

    /**
     * Binds the DAOs of one Repository to its transaction state, clock, metrics and connection. The block's prepared
     * statements are kept here, so that the hot paths need no Jdbi Handle; the block's Handle, when one is opened,
     * shares them ({@link SharedJdbi#open}).
     */
    public DaoContext(TransactionState state, Clock clock, StoreMetrics metrics, Connection connection) {
        this.state = state;
        this.clock = clock;
        this.metrics = metrics;
        this.connection = connection;
    }

    /** The block's statement cache, for the Handle that SharedJdbi opens on the same connection. */
    StatementCache statements() {
        return statements;
    }

    /**
     * Closes the block's cached statements, before its connection is closed; for a block that never opened a Handle
     * (a Handle closes them itself).
     *
     * @throws org.jdbi.v3.core.CloseException when closing one failed
     */
    public void closeStatements() {
        statements.close(connection);
    }

    /**
     * A DAO named {@code dao} wrote {@code rows} rows: counted for the metrics and for the vendor's after-commit hook.
     * Rows of a transaction that is later rolled back are counted too (the statement did write them).
     */
    public void wrote(String dao, long rows) {
        rowsWritten += rows;
        metrics.rowsWritten(dao, rows);
    }

    /** An LLM cache lookup hit or missed. */
    public void cacheLookup(boolean hit) {
        metrics.cacheLookup(hit);
    }

    /** The rows written since the previous call (for {@code TransactionControl.afterCommit}), counting from zero again. */
    public long takeRowsWritten() {
        long rows = rowsWritten;
        rowsWritten = 0;
        return rows;
    }

    /** The current instant of the configured clock. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Runs one Jdbi statement that writes nothing.
     *
     * @param action what is being done, for the message ("finding an article by URL")
     * @throws StoreException a typed subclass when it fails
     */
    public <T> T read(String action, Supplier<T> statement) {
        state.enter();
        try {
            state.checkUsable(action);
            return jdbi(action, statement);
        } finally {
            state.exit();
        }
    }

    /**
     * Runs one Jdbi statement that writes: in the open transaction, or else in one of its own (see the class comment).
     *
     * @param action what is being done, for the message ("recording a fetched article body")
     * @throws StoreException a typed subclass when it fails; then nothing of it was written
     */
    public <T> T write(String action, Supplier<T> statement) {
        state.enter();
        try {
            return state.write(action, () -> jdbi(action, statement));
        } finally {
            state.exit();
        }
    }

    /**
     * Runs one hot-path statement that writes nothing directly on the block's connection, with a prepared statement
     * the block reuses (BENCHMARKS.md, cases 2 and 3): no SqlObject attach and no Jdbi statement objects per call.
     *
     * @param action what is being done, for the message ("looking up an article URL")
     * @throws StoreException a typed subclass when it fails
     */
    public <T> T read(String action, String sql, PreparedWork<T> work) {
        state.enter();
        try {
            state.checkUsable(action);
            return prepared(action, sql, work);
        } finally {
            state.exit();
        }
    }

    /**
     * Runs a query of one row and one number ({@code SELECT count(*) ...}) like {@link #read(String, String,
     * PreparedWork)}: what a one-shot {@code stats} asks, without attaching a SqlObject (ADR-017).
     *
     * @throws StoreException a typed subclass when it fails
     */
    public long readLong(String action, String sql) {
        return read(action, sql, statement -> {
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    /**
     * Like {@link #read(String, String, PreparedWork)} for a statement that writes: in the open transaction,
     * or else in one of its own (see the class comment).
     *
     * @throws StoreException a typed subclass when it fails; then nothing of it was written
     */
    public <T> T write(String action, String sql, PreparedWork<T> work) {
        state.enter();
        try {
            return state.write(action, () -> prepared(action, sql, work));
        } finally {
            state.exit();
        }
    }

    /** Turns any error into the typed StoreException for this database, finding the driver error in its causes. */
    public StoreException translate(Throwable error, String action) {
        Optional<StoreException> typed = Causes.first(error, StoreException.class);
        if (typed.isPresent()) {
            return typed.get();
        }
        return Causes.first(error, SQLException.class)
                .map(sql -> state.failed(sql, action))
                .orElseGet(() -> new StoreException(action + " failed: " + error.getMessage(), error));
    }

    private <T> T jdbi(String action, Supplier<T> statement) {
        try {
            return statement.get();
        } catch (JdbiException e) {
            throw translate(e, action);
        }
    }

    /** A statement that failed is closed, never given back: sqlite-jdbc leaves it unusable ("statement is not executing"). */
    private <T> T prepared(String action, String sql, PreparedWork<T> work) {
        StatementCache cache = statements;
        try {
            PreparedStatement statement = cache.borrow(connection, sql);
            boolean succeeded = false;
            try {
                T result = work.apply(statement);
                succeeded = true;
                return result;
            } finally {
                if (succeeded) {
                    cache.close(connection, sql, statement);
                } else {
                    statement.close();
                }
            }
        } catch (SQLException e) {
            throw state.failed(e, action);
        }
    }

    /** What {@link #read(String, String, PreparedWork)} does with the prepared statement: bind, execute, read. */
    @FunctionalInterface
    public interface PreparedWork<T> {
        /** Binds and runs the statement; the ResultSet it opens must be closed before returning. */
        T apply(PreparedStatement statement) throws SQLException;
    }
}
