package dev.forensics.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.forensics.store.StoreException;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.internal.Causes;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The only class that touches HikariCP and the PostgreSQL driver, both optional dependencies: it is loaded only after
 * {@link PostgresClasspath#require()} found them, so {@link PostgresDatabase} itself links without them.
 *
 * @param pooled   the HikariCP pool Repositories borrow from; {@link #close()} closes it
 * @param unpooled connections outside the pool, with the same URL, login and timeouts (for Flyway)
 */
record PostgresPool(DataSource pooled, DataSource unpooled) implements AutoCloseable {

    /**
     * Opens a pool of up to {@code poolSize} connections to {@code jdbcUrl} and checks that one connects.
     *
     * @throws StoreException a typed subclass when the server cannot be reached or refuses the login; nothing stays open
     */
    static PostgresPool open(
            String jdbcUrl, String user, String password, StoreOptions options, int poolSize, String displayName) {
        String serverOptions = "-c lock_timeout="
                + Math.max(1, options.busyTimeout().toMillis()) + " -c statement_timeout="
                + PostgresDatabase.statementTimeout(options.busyTimeout()).toMillis();
        PGSimpleDataSource unpooled = new PGSimpleDataSource();
        unpooled.setURL(jdbcUrl);
        if (user != null) {
            unpooled.setUser(user);
        }
        if (password != null) {
            unpooled.setPassword(password);
        }
        unpooled.setOptions(serverOptions);
        unpooled.setApplicationName("forensics-store migrate");
        HikariConfig config = new HikariConfig();
        config.setPoolName("forensics-store " + displayName);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setAutoCommit(true);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setConnectionTimeout(Math.max(250, options.busyTimeout().toMillis()));
        config.addDataSourceProperty("options", serverOptions);
        config.addDataSourceProperty("ApplicationName", "forensics-store");
        try {
            return new PostgresPool(new HikariDataSource(config), unpooled);
        } catch (HikariPool.PoolInitializationException e) {
            throw translateOpenFailure(e, displayName, options);
        }
    }

    /** Closes the pool and every connection in it. Idempotent. */
    @Override
    public void close() {
        ((HikariDataSource) pooled).close();
    }

    private static StoreException translateOpenFailure(
            HikariPool.PoolInitializationException failure, String displayName, StoreOptions options) {
        return Causes.first(failure.getCause(), SQLException.class)
                .map(sql ->
                        PostgresErrors.translate(sql, "opening the database", displayName, options.busyTimeout(), 0))
                .orElseGet(() ->
                        new StoreException("opening " + displayName + " failed: " + failure.getMessage(), failure));
    }
}
