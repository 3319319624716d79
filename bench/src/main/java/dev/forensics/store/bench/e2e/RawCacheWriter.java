package dev.forensics.store.bench.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The raw floor of the writer cases: one sqlite-jdbc connection with the library's PRAGMAs, prepared
 * {@code BEGIN IMMEDIATE} / upsert / {@code COMMIT} statements, one cache entry per transaction, for the same time as
 * the library's writer. Usage: {@code RawCacheWriter <db> <unused> <seconds> <id>}; prints one
 * {@link WriterLine} line.
 */
public final class RawCacheWriter {
    private static final String PUT =
            "INSERT INTO llm_cache (url_hash, url, model, analysis_json, cached_at) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO UPDATE SET analysis_json = excluded.analysis_json, cached_at = excluded.cached_at";

    private RawCacheWriter() {}

    /** Runs one writer; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        String id = args[3];
        long seconds = Long.parseLong(args[2]);
        String json = WriterLine.analysisJson();
        WriterLine result = new WriterLine(id);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
                Statement pragmas = connection.createStatement()) {
            pragmas.execute("PRAGMA journal_mode=WAL");
            pragmas.execute("PRAGMA synchronous=NORMAL");
            pragmas.execute("PRAGMA foreign_keys=ON");
            pragmas.execute("PRAGMA busy_timeout=5000");
            try (PreparedStatement begin = connection.prepareStatement("BEGIN IMMEDIATE");
                    PreparedStatement put = connection.prepareStatement(PUT);
                    PreparedStatement commit = connection.prepareStatement("COMMIT");
                    PreparedStatement rollback = connection.prepareStatement("ROLLBACK")) {
                long startAt = WriterLine.readyThenWaitForStart();
                long endAt = startAt + seconds * 1000;
                while (System.currentTimeMillis() < endAt) {
                    String url = result.nextUrl();
                    long t0 = System.nanoTime();
                    try {
                        begin.execute();
                        long t1 = System.nanoTime();
                        put.setString(1, Integer.toHexString(url.hashCode()) + url.length() + "-" + url);
                        put.setString(2, url);
                        put.setString(3, "gpt-bench-1");
                        put.setString(4, json);
                        put.setString(5, Instant.now().toString());
                        put.executeUpdate();
                        commit.execute();
                        result.committed(t1 - t0);
                    } catch (SQLException e) {
                        result.failed(e);
                        try {
                            rollback.execute();
                        } catch (SQLException ignored) {
                            e.addSuppressed(ignored);
                        }
                    }
                }
            }
        }
        System.out.println(result);
    }
}
