package dev.forensics.store.postgres;

import dev.forensics.store.Database;
import dev.forensics.store.MigrationTarget;
import dev.forensics.store.StoreException;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.TransactionControl;
import dev.forensics.store.schema.MigrationLock;
import dev.forensics.store.schema.SchemaVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;

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
public final class PostgresDatabase implements Database, MigrationTarget, TransactionControl {
    /** Pooled connections when the caller does not say: enough for a worker's threads, few for the server. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** What every PostgreSQL JDBC URL starts with. */
    public static final String URL_PREFIX = "jdbc:postgresql:";

    /**
     * How long a check at open that found the current schema version stands for the next opens of this database
     * object: a Repository opened within it skips the query (one network round trip, most of the cost of an open on
     * a pooled connection). A schema migrated past this library by a newer release elsewhere is therefore refused by
     * every Repository opened from this long after the migration on (Repositories already open are never re-checked,
     * with or without this).
     */
    public static final Duration SCHEMA_RECHECK = Duration.ofSeconds(1);

    private static final String UNDEFINED_TABLE = "42P01";

    private final String displayName;
    private final StoreOptions options;
    private final int poolSize;
    private final PostgresPool pool;
    /** When a check at open last found {@link SchemaVersion#LATEST} (epoch ms by the options' clock), or -1. */
    private volatile long currentSchemaSeenAt = -1;

    private PostgresDatabase(String displayName, StoreOptions options, int poolSize, PostgresPool pool) {
        this.displayName = displayName;
        this.options = options;
        this.poolSize = poolSize;
        this.pool = pool;
    }

    /**
     * Opens a pool of up to {@value #DEFAULT_POOL_SIZE} connections to {@code jdbcUrl} and checks that one connects.
     *
     * @param user     the role to log in as, or {@code null} when the URL names it
     * @param password the role's password, or {@code null} (trust, or a password in {@code ~/.pgpass})
     * @throws StoreException a typed subclass when the server cannot be reached or refuses the login; nothing stays open
     * @throws dev.forensics.store.errors.MissingDependencyException naming the artifacts missing from the classpath: the
     *         PostgreSQL driver, HikariCP and {@code flyway-database-postgresql} are optional dependencies of this library
     */
    public static PostgresDatabase open(String jdbcUrl, String user, String password, StoreOptions options) {
        return open(jdbcUrl, user, password, options, DEFAULT_POOL_SIZE);
    }

    /**
     * Like {@link #open(String, String, String, StoreOptions)} with at most {@code poolSize} connections: the number of
     * Repositories that can be open at once; one more waits up to the busy timeout, then fails with
     * {@link dev.forensics.store.errors.DatabaseBusyException}.
     */
    public static PostgresDatabase open(
            String jdbcUrl, String user, String password, StoreOptions options, int poolSize) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(options, "options");
        if (!jdbcUrl.startsWith(URL_PREFIX)) {
            throw new IllegalArgumentException(
                    "jdbcUrl must start with " + URL_PREFIX + ", was " + PostgresErrors.redact(jdbcUrl));
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize cannot be less than 1, was " + poolSize);
        }
        PostgresClasspath.require();
        String displayName = PostgresErrors.redact(jdbcUrl);
        return new PostgresDatabase(
                displayName,
                options,
                poolSize,
                PostgresPool.open(jdbcUrl, user, password, options, poolSize, displayName));
    }

    /**
     * The {@code statement_timeout} of every connection for this busy timeout: twelve of them, at least one minute. A statement that
     * waits for a lock fails after the busy timeout ({@code lock_timeout}); one that runs this long is stuck.
     */
    public static Duration statementTimeout(Duration busyTimeout) {
        Duration twelve = busyTimeout.multipliedBy(12);
        return twelve.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : twelve;
    }

    /** PostgreSQL's {@code text} cannot hold U+0000 (NUL): the server refuses the whole statement. */
    @Override
    public Optional<String> unstorableText(String text) {
        int nul = text.indexOf('\u0000');
        return nul < 0
                ? Optional.empty()
                : Optional.of("holds U+0000 (NUL) at character " + (nul + 1)
                        + ", which PostgreSQL text cannot store; remove it from the input");
    }

    /** The most Repositories that can hold a connection at once. */
    public int poolSize() {
        return poolSize;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    /** Itself: Flyway's advisory lock and the schema check need nothing beyond the pool's settings. */
    @Override
    public MigrationTarget migration() {
        return this;
    }

    /** Itself: setAutoCommit(false) / commit() / rollback() keep no state beyond the connection's. */
    @Override
    public TransactionControl transactions() {
        return this;
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
            return pool.pooled().getConnection();
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
        return pool.unpooled();
    }

    /** None of our own: Flyway takes a PostgreSQL advisory lock around migrate, so concurrent migrations take turns. */
    @Override
    public MigrationLock migrationLock() {
        return MigrationLock.none();
    }

    /** One query; a missing {@code flyway_schema_history} table (SQLState 42P01) means never migrated. */
    @Override
    public OptionalInt appliedSchemaVersion(Connection connection) throws SQLException {
        try {
            return SchemaVersion.applied(connection);
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return OptionalInt.empty();
            }
            throw e;
        }
    }

    /**
     * {@link #appliedSchemaVersion(Connection)}, or {@link SchemaVersion#LATEST} without a query when a check less
     * than {@link #SCHEMA_RECHECK} ago (by {@link StoreOptions#clock()}) found it. Only the current version is
     * remembered: a database never migrated, older or newer is queried (and refused) at every open.
     */
    @Override
    public OptionalInt schemaVersionAtOpen(Connection connection) throws SQLException {
        long now = options.clock().millis(); // the system clock's millis() is far cheaper than its instant()
        long seen = currentSchemaSeenAt;
        if (seen >= 0 && now >= seen && now - seen < SCHEMA_RECHECK.toMillis()) {
            return OptionalInt.of(SchemaVersion.LATEST);
        }
        OptionalInt applied = appliedSchemaVersion(connection);
        currentSchemaSeenAt = applied.isPresent() && applied.getAsInt() == SchemaVersion.LATEST ? now : -1;
        return applied;
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

    /**
     * Moves the identity sequence of {@code table.idColumn} to the highest stored id, so that the next generated id is
     * one past it; an empty table's sequence starts again at 1.
     */
    @Override
    public void advanceIdentity(Connection connection, String table, String idColumn) throws SQLException {
        String sql = "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(max(" + idColumn + "), 1), max(" + idColumn
                + ") IS NOT NULL) FROM " + table;
        try (var statement = connection.prepareStatement(sql)) {
            statement.setString(1, table);
            statement.setString(2, idColumn);
            statement.executeQuery().close();
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
}
