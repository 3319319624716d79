package dev.forensics.store.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every row of the store's tables through plain JDBC ({@code SELECT *}, every column as text), independent of
 * the library's DAOs and of the Copier's table descriptions, and sums them up per table as
 * {@code rows=N sha256=...} over the sorted row hashes: two databases digest equal exactly when they hold the same rows
 * (ids, text, times, hashes), whatever the order they return them in. Streams, so 10 MB bodies and 40,000 rows fit.
 */
public final class RowDigest {
    /** The application's tables (Flyway's history excluded: its install times differ by nature). */
    public static final List<String> TABLES = List.of("authors", "articles", "llm_cache");

    private RowDigest() {}

    /** The digest of each table of the SQLite file or PostgreSQL URL {@code location}. */
    public static Map<String, String> of(String location) {
        String url = location.startsWith("jdbc:") ? location : "jdbc:sqlite:" + location;
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            Map<String, String> digests = new LinkedHashMap<>();
            for (String table : TABLES) {
                digests.put(table, table(connection, table));
            }
            connection.rollback();
            return digests;
        } catch (SQLException e) {
            throw new AssertionError("reading " + location + " failed: " + e.getMessage(), e);
        }
    }

    /** Every row of {@code table} of {@code location}, columns as text, for readable failures on small stores. */
    public static List<String> rows(String location, String table) {
        String url = location.startsWith("jdbc:") ? location : "jdbc:sqlite:" + location;
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
            while (result.next()) {
                rows.add(render(result));
            }
        } catch (SQLException e) {
            throw new AssertionError("reading " + location + " failed: " + e.getMessage(), e);
        }
        rows.sort(null);
        return rows;
    }

    private static String table(Connection connection, String table) throws SQLException {
        List<String> hashes = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(50);
            try (ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
                while (result.next()) {
                    hashes.add(sha256(render(result)));
                }
            }
        }
        hashes.sort(null);
        return "rows=" + hashes.size() + " sha256=" + sha256(String.join(",", hashes));
    }

    /** One row as {@code column=<length>:value|...}, columns by name so column order does not matter. */
    private static String render(ResultSet row) throws SQLException {
        ResultSetMetaData meta = row.getMetaData();
        Map<String, String> columns = new java.util.TreeMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String value = row.getString(i);
            columns.put(
                    meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT),
                    value == null ? "NULL" : value.length() + ":" + value);
        }
        return columns.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
