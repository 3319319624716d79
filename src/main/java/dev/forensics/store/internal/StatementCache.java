package dev.forensics.store.internal;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.CloseException;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the prepared statements of one Handle, that is of one Repository block, for reuse: a DAO call repeated in a
 * loop prepares its SQL once per block instead of once per call (BENCHMARKS.md, case 2). It holds at most
 * {@link #CAPACITY} idle statements, hands a statement to one caller at a time (a nested query with the same SQL gets
 * a fresh one), and closes every idle statement when the Handle closes, before its connection: none outlives the block.
 */
final class StatementCache implements StatementBuilder {
    static final int CAPACITY = 32;

    private final StatementBuilder plain = new DefaultStatementBuilder();
    private final LinkedHashMap<String, PreparedStatement> idle = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    @Override
    public Statement create(Connection connection, StatementContext context) throws SQLException {
        return plain.create(connection, context);
    }

    @Override
    public PreparedStatement create(Connection connection, String sql, StatementContext context) throws SQLException {
        if (cacheable(context)) {
            PreparedStatement cached = idle.remove(sql);
            if (cached != null) {
                return cached;
            }
        }
        return plain.create(connection, sql, context);
    }

    @Override
    public CallableStatement createCall(Connection connection, String sql, StatementContext context)
            throws SQLException {
        return plain.createCall(connection, sql, context);
    }

    /** Called by Jdbi when a statement is done: a plain prepared statement goes back to the cache, others are closed. */
    @Override
    public void close(Connection connection, String sql, Statement statement) throws SQLException {
        if (closed
                || sql == null
                || statement instanceof CallableStatement
                || !(statement instanceof PreparedStatement prepared)
                || prepared.isClosed()
                || idle.containsKey(sql)) {
            plain.close(connection, sql, statement);
            return;
        }
        prepared.clearBatch();
        idle.put(sql, prepared);
        if (idle.size() > CAPACITY) {
            Iterator<PreparedStatement> eldest = idle.values().iterator();
            PreparedStatement evicted = eldest.next();
            eldest.remove();
            evicted.close();
        }
    }

    /** Closes every idle statement; called by Jdbi when the Handle closes, before the connection is closed. */
    @Override
    public void close(Connection connection) {
        closed = true;
        List<SQLException> failures = new ArrayList<>();
        for (Map.Entry<String, PreparedStatement> entry : idle.entrySet()) {
            try {
                entry.getValue().close();
            } catch (SQLException e) {
                failures.add(e);
            }
        }
        idle.clear();
        if (!failures.isEmpty()) {
            CloseException failure =
                    new CloseException("closing " + failures.size() + " cached statements failed", failures.get(0));
            failures.subList(1, failures.size()).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /**
     * A plain prepared statement of {@code sql} for the caller alone, from the cache when one is idle; give it back with
     * {@link #close(Connection, String, Statement)}.
     */
    PreparedStatement borrow(Connection connection, String sql) throws SQLException {
        PreparedStatement cached = closed ? null : idle.remove(sql);
        return cached != null ? cached : connection.prepareStatement(sql);
    }

    /** Statements prepared for generated keys or updatable result sets are prepared differently: never shared. */
    private static boolean cacheable(StatementContext context) {
        return !context.isReturningGeneratedKeys() && !context.isConcurrentUpdatable();
    }
}
