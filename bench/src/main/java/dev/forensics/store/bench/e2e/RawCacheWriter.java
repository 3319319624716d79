package dev.forensics.store.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The raw floor of the writer cases: one sqlite-jdbc connection with the library's PRAGMAs, prepared
 * {@code BEGIN IMMEDIATE} / upsert / {@code COMMIT} statements, one cache entry per transaction, for the same time as
 * the library's writer. It stores the row the library stores (the URL's SHA-256 as key, {@code used_at} and the
 * JSON's UTF-8 {@code bytes}, which schema V4 requires), with what an application would do for it and nothing more. Usage: {@code RawCacheWriter <db> <unused> <seconds> <id>}; prints one
 * {@link WriterLine} line.
 */
public final class RawCacheWriter {
    private static final String PUT =
            "INSERT INTO llm_cache (url_hash, url, model, analysis_json, cached_at, used_at, bytes)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url_hash, model) DO UPDATE SET url = excluded.url,"
                    + " analysis_json = excluded.analysis_json, cached_at = excluded.cached_at,"
                    + " used_at = excluded.used_at, bytes = excluded.bytes";

    private RawCacheWriter() {}

    /** Runs one writer; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        String id = args[3];
        long seconds = Long.parseLong(args[2]);
        String json = WriterLine.analysisJson();
        long bytes = json.getBytes(StandardCharsets.UTF_8).length;
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
                result.loopStarted();
                while (System.currentTimeMillis() < endAt) {
                    String url = result.nextUrl();
                    long t0 = System.nanoTime();
                    try {
                        begin.execute();
                        long t1 = System.nanoTime();
                        String now = Instant.now().toString();
                        put.setString(1, sha256(url));
                        put.setString(2, url);
                        put.setString(3, "gpt-bench-1");
                        put.setString(4, json);
                        put.setString(5, now);
                        put.setString(6, now);
                        put.setLong(7, bytes);
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
                result.loopEnded();
            }
        }
        System.out.println(result);
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
