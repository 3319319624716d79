package dev.forensics.store.internal;

import dev.forensics.store.Database;
import dev.forensics.store.StoreException;
import dev.forensics.store.metrics.StoreMetrics;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementBuilder;

import java.sql.Connection;
import java.sql.PreparedStatement;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * What every DAO of one Repository shares: the clock its timestamps come from, and the translation of
 * Jdbi and driver errors into typed {@link StoreException}s that name the database.
 */
public final class DaoContext {
    private final Database database;
    private final Clock clock;
    private final StoreMetrics metrics;
    private long rowsSinceCheckpoint;

    /** Binds the DAOs of one Repository to its database and clock. */
    public DaoContext(Database database) {
        this.database = database;
        this.clock = database.options().clock();
        this.metrics = database.options().metrics();
    }

    /** A DAO named {@code dao} wrote {@code rows} rows: counted for the metrics and for the checkpoint policy. */
    public void wrote(String dao, long rows) {
        rowsSinceCheckpoint += rows;
        metrics.rowsWritten(dao, rows);
    }

    /** An LLM cache lookup hit or missed. */
    public void cacheLookup(boolean hit) {
        metrics.cacheLookup(hit);
    }

    /** Whether this Repository has written at least {@code threshold} (&gt; 0) rows since {@link #checkpointed()}. */
    public boolean checkpointDue(long threshold) {
        return threshold > 0 && rowsSinceCheckpoint >= threshold;
    }

    /** Starts counting rows for the checkpoint policy from zero again. */
    public void checkpointed() {
        rowsSinceCheckpoint = 0;
    }

    /** The current instant of the configured clock. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Runs one DAO statement; a Jdbi or driver error becomes a typed StoreException.
     *
     * @param action what is being done, for the message ("upserting an article")
     */
    public <T> T call(String action, Supplier<T> statement) {
        try {
            return statement.get();
        } catch (JdbiException e) {
            throw translate(e, action);
        }
    }

    /** Turns any error into the typed StoreException for this database, finding the driver error in its causes. */
    public StoreException translate(Throwable error, String action) {
        if (error instanceof StoreException store) {
            return store;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return database.translate(sql, action);
            }
        }
        return new StoreException(action + " failed on " + database.displayName() + ": " + error.getMessage(), error);
    }

    /**
     * Runs one hot-path statement directly on the block's connection with a prepared statement the block reuses
     * (BENCHMARKS.md, cases 2 and 3): no SqlObject attach and no Jdbi statement objects per call. Driver errors
     * become typed StoreExceptions.
     *
     * @param action what is being done, for the message ("looking up an article URL")
     */
    public <T> T query(Handle handle, String action, String sql, PreparedWork<T> work) {
        Connection connection = handle.getConnection();
        StatementBuilder builder = handle.getStatementBuilder();
        StatementCache cache = builder instanceof StatementCache c ? c : null;
        try {
            PreparedStatement statement = cache != null ? cache.borrow(connection, sql) : connection.prepareStatement(sql);
            try {
                return work.apply(statement);
            } finally {
                if (cache != null) {
                    cache.giveBack(connection, sql, statement);
                } else {
                    statement.close();
                }
            }
        } catch (SQLException e) {
            throw database.translate(e, action);
        }
    }

    /** What {@link #query} does with the prepared statement: bind, execute, read. */
    @FunctionalInterface
    public interface PreparedWork<T> {
        /** Binds and runs the statement; the ResultSet it opens must be closed before returning. */
        T apply(PreparedStatement statement) throws SQLException;
    }
}
