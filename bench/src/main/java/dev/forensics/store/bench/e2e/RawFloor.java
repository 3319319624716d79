package dev.forensics.store.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The floor of the one-shot cases: what a Java program needs at least to answer the same question with raw
 * sqlite-jdbc (connect, two PRAGMAs, the query, print). Usage: {@code RawFloor cache-get DB URL MODEL},
 * {@code RawFloor exists DB URL}, {@code RawFloor stats DB}. Exits 1 when the entry or article is not found.
 */
public final class RawFloor {
    private RawFloor() {}

    /** Answers one question; see the class comment. */
    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[1]);
                Statement pragmas = connection.createStatement()) {
            pragmas.execute("PRAGMA busy_timeout=5000");
            pragmas.execute("PRAGMA foreign_keys=ON");
            switch (args[0]) {
                case "cache-get" -> System.exit(cacheGet(connection, args[2], args[3]) ? 0 : 1);
                case "exists" -> System.exit(exists(connection, args[2]) ? 0 : 1);
                case "stats" -> stats(connection);
                default -> throw new IllegalArgumentException("unknown case " + args[0]);
            }
        }
    }

    private static boolean cacheGet(Connection connection, String url, String model) throws Exception {
        String hash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8)));
        try (PreparedStatement get =
                connection.prepareStatement("SELECT analysis_json FROM llm_cache WHERE url_hash = ? AND model = ?")) {
            get.setString(1, hash);
            get.setString(2, model);
            try (ResultSet row = get.executeQuery()) {
                if (row.next()) {
                    System.out.println(row.getString(1));
                    return true;
                }
                return false;
            }
        }
    }

    private static boolean exists(Connection connection, String url) throws Exception {
        try (PreparedStatement get = connection.prepareStatement("SELECT id, title FROM articles WHERE url = ?")) {
            get.setString(1, url);
            try (ResultSet row = get.executeQuery()) {
                if (row.next()) {
                    System.out.println(row.getLong(1) + " " + row.getString(2));
                    return true;
                }
                return false;
            }
        }
    }

    private static void stats(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT (SELECT count(*) FROM authors), (SELECT count(*) FROM articles),"
                                + " (SELECT count(*) FROM llm_cache), (SELECT max(version) FROM flyway_schema_history)")) {
            row.next();
            System.out.println("authors " + row.getLong(1) + "\narticles " + row.getLong(2) + "\nllm_cache "
                    + row.getLong(3) + "\nschema_version " + row.getString(4));
        }
    }
}
