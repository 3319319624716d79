package dev.forensics.store.internal;

import java.sql.Connection;
import java.time.Instant;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlite3.SQLitePlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The one configured {@link Jdbi} of the process: plugins, mappers and parsed SqlObject metadata are paid for
 * once, not per Repository block. It holds no connection: {@link #open(Connection, HandleTransactions, DaoContext)} hands it the connection the
 * caller already opened, and closing the returned Handle closes that connection.
 */
public final class SharedJdbi {
    private static final Handoff HANDOFF = new Handoff();
    private static final ThreadLocal<HandleTransactions> PENDING_RUNNER = new ThreadLocal<>();
    private static final ThreadLocal<StatementCache> PENDING_STATEMENTS = new ThreadLocal<>();
    private static final Jdbi JDBI = configure(Jdbi.create(HANDOFF));

    private SharedJdbi() {}

    /**
     * Wraps an open connection in a Handle whose transactions run through {@code transactions} (the Repository's runner)
     * and whose prepared statements are those {@code context} keeps for the block; the caller owns the Handle and closes
     * it (which closes those statements, then the connection).
     */
    public static Handle open(Connection connection, HandleTransactions transactions, DaoContext context) {
        HANDOFF.pending.set(connection);
        PENDING_RUNNER.set(transactions);
        PENDING_STATEMENTS.set(context.statements());
        try {
            return JDBI.open();
        } finally {
            HANDOFF.pending.remove();
            PENDING_RUNNER.remove();
            PENDING_STATEMENTS.remove();
        }
    }

    private static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new SQLitePlugin());
        jdbi.registerArgument(new InstantText.ArgumentFactory());
        // Every String bound by Jdbi is checked for text UTF-8 cannot store (issue 11).
        jdbi.registerArgument(new StorableText.ArgumentFactory());
        jdbi.registerColumnMapper(Instant.class, InstantText.COLUMN_MAPPER);
        // Each Handle (one Repository block) reuses the block's prepared statements and closes them with the block.
        jdbi.setStatementBuilderFactory(connection -> {
            StatementCache statements = PENDING_STATEMENTS.get();
            if (statements == null) {
                throw new IllegalStateException("SharedJdbi opens Handles only for a block: use SharedJdbi.open(...)");
            }
            return statements;
        });
        // handle.inTransaction(...) goes through the Repository's runner, never around it.
        jdbi.setTransactionHandler(new RunnerTransactionHandler(PENDING_RUNNER));
        return jdbi;
    }

    /** Gives Jdbi the connection of the current {@link #open(Connection)} call; it never opens one itself. */
    private static final class Handoff implements ConnectionFactory {
        private final ThreadLocal<Connection> pending = new ThreadLocal<>();

        @Override
        public Connection openConnection() {
            Connection connection = pending.get();
            if (connection == null) {
                throw new IllegalStateException(
                        "SharedJdbi opens no connection itself: use SharedJdbi.open(Connection, ...)");
            }
            return connection;
        }
    }
}
