package dev.forensics.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.postgresql.ds.PGSimpleDataSource;
import dev.forensics.store.Database;
import dev.forensics.store.StoreException;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.schema.MigrationLock;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A PostgreSQL database behind a HikariCP pool: {@code new Repository(pg)} borrows one pooled connection for its
 * block and gives it back on {@code close()}. Many Repositories (threads) share one PostgresDatabase; whoever opened
 * it closes it, which closes the pool. Every connection runs READ COMMITTED with {@code lock_timeout} set to
 * {@link StoreOptions#busyTimeout()} and a {@code statement_timeout} of {@link #statementTimeout(Duration)};
 * transactions use {@code setAutoCommit(false)} / {@code commit()} / {@code rollback()}.
 * <pre>{@code
 * try (var pg = PostgresDatabase.open("jdbc:postgresql://db/forensics", "scraper", password, StoreOptions.defaults())) {
 *     Repository.migrate(pg);
 *     try (var repo = new Repository(pg)) { repo.llmCache().put(url, json, model); }
 * }
 * }</pre>
 */
public final class PostgresDatabase implements Database, AutoCloseable {
    /** Pooled connections when the caller does not say: enough for a worker's threads, few for the server. */
    public static final int DEFAULT_POOL_SIZE = 10;
    private static final String APPLIED_VERSION =
            "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";
    private static final String UNDEFINED_TABLE = "42P01";

    private final String displayName;
    private final StoreOptions options;
    private final int poolSize;
    private final HikariDataSource pool;
    private final PGSimpleDataSource unpooled;

    private PostgresDatabase(String displayName, StoreOptions options, int poolSize, HikariDataSource pool, PGSimpleDataSource unpooled) {
        this.displayName = displayName;
        this.options = options;
        this.poolSize = poolSize;
        this.pool = pool;
        this.unpooled = unpooled;
    }

    /**
     * Opens a pool of up to {@value #DEFAULT_POOL_SIZE} connections to {@code jdbcUrl} and checks that one connects.
     *
     * @param user     the role to log in as, or {@code null} when the URL names it
     * @param password the role's password, or {@code null} (trust, or a password in {@code ~/.pgpass})
     * @throws StoreException a typed subclass when the server cannot be reached or refuses the login; nothing stays open
     */
    public static PostgresDatabase open(String jdbcUrl, String user, String password, StoreOptions options) {
        return open(jdbcUrl, user, password, options, DEFAULT_POOL_SIZE);
    }

    /**
     * Like {@link #open(String, String, String, StoreOptions)} with at most {@code poolSize} connections: the number of
     * Repositories that can be open at once; one more waits up to the busy timeout, then fails with
     * {@link dev.forensics.store.errors.DatabaseBusyException}.
     */
    public static PostgresDatabase open(String jdbcUrl, String user, String password, StoreOptions options, int poolSize) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(options, "options");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql:, was " + PostgresErrors.redact(jdbcUrl));
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize cannot be less than 1, was " + poolSize);
        }
        String displayName = PostgresErrors.redact(jdbcUrl);
        String serverOptions = "-c lock_timeout=" + Math.max(1, options.busyTimeout().toMillis())
                + " -c statement_timeout=" + statementTimeout(options.busyTimeout()).toMillis();
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
            return new PostgresDatabase(displayName, options, poolSize, new HikariDataSource(config), unpooled);
        } catch (HikariPool.PoolInitializationException e) {
            throw translateOpenFailure(e, displayName, options);
        }
    }

    /**
     * The {@code statement_timeout} of every connection for this busy timeout: twelve of them, at least one minute. A statement that
     * waits for a lock fails after the busy timeout ({@code lock_timeout}); one that runs this long is stuck.
     */
    public static Duration statementTimeout(Duration busyTimeout) {
        Duration twelve = busyTimeout.multipliedBy(12);
        return twelve.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : twelve;
    }

    /** The most Repositories that can hold a connection at once. */
    public int poolSize() {
        return poolSize;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public String vendor() {
        return "postgresql";
    }

    @Override
    public StoreOptions options() {
        return options;
    }

    /**
     * Borrows one pooled connection (autocommit on, READ COMMITTED, timeouts set); closing it gives it back.
     *
     * @throws StoreException a typed subclass when the server is unreachable or every pooled connection is in use
     */
    @Override
    public Connection connect() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw translate(e, "opening a connection");
        }
    }

    /**
     * Unpooled connections with the same URL, login and timeouts, outside the pool: Flyway holds two at once (one for
     * its advisory lock), which must not wait for pooled connections held by open Repositories. The database itself
     * must exist (createdb); Flyway creates the tables.
     */
    @Override
    public DataSource migrationDataSource() {
        return unpooled;
    }

    /** None of our own: Flyway takes a PostgreSQL advisory lock around migrate, so concurrent migrations take turns. */
    @Override
    public MigrationLock migrationLock() {
        return MigrationLock.none();
    }

    /** One query; a missing {@code flyway_schema_history} table (SQLState 42P01) means never migrated. */
    @Override
    public OptionalInt appliedSchemaVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet version = statement.executeQuery(APPLIED_VERSION)) {
            return version.next() ? OptionalInt.of(Integer.parseInt(version.getString(1))) : OptionalInt.empty();
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return OptionalInt.empty();
            }
            throw e;
        }
    }

    /** Turns autocommit off: the next statement starts the transaction; row locks are taken as rows are written. */
    @Override
    public void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    @Override
    public StoreException translate(SQLException error, String action) {
        return PostgresErrors.translate(error, action, displayName, options.busyTimeout(), poolSize);
    }

    /** Closes the pool and every connection in it; Repositories still open lose theirs. Idempotent. */
    @Override
    public void close() {
        pool.close();
    }

    private static StoreException translateOpenFailure(HikariPool.PoolInitializationException failure, String displayName, StoreOptions options) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return PostgresErrors.translate(sql, "opening the database", displayName, options.busyTimeout(), 0);
            }
        }
        return new StoreException("opening " + displayName + " failed: " + failure.getMessage(), failure);
    }
}
