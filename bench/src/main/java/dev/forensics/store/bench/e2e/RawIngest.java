package dev.forensics.store.bench.e2e;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The Java floor of the ingest case: {@code bench/peers/python_ingest.py} line for line in plain Java, raw sqlite-jdbc
 * and Jackson's streaming parser (same schema, PRAGMAs, author upsert, content hash and timestamps, one
 * {@code BEGIN IMMEDIATE}, one batch), with no validation beyond what the Python script does. It tells how much of the
 * distance to Python is the JVM and the driver, and how much is the library. Usage: {@code RawIngest FILE DB}.
 */
public final class RawIngest {
    private static final String SCHEMA =
            "CREATE TABLE IF NOT EXISTS authors (id INTEGER PRIMARY KEY, slug TEXT NOT NULL"
                    + " UNIQUE, name TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
                    + " CREATE TABLE IF NOT EXISTS articles (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE,"
                    + " author_id INTEGER NOT NULL REFERENCES authors (id), title TEXT, published_at TEXT, body TEXT,"
                    + " content_hash TEXT, fetched_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
                    + " CREATE INDEX IF NOT EXISTS articles_author_id ON articles (author_id);";

    private RawIngest() {}

    /** Loads the file; see the class comment. */
    public static void main(String[] args) throws Exception {
        JsonFactory json = new JsonFactory();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[1]);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=NORMAL");
            statement.execute("PRAGMA foreign_keys=ON");
            statement.executeUpdate(SCHEMA);
            String now = Instant.now().toString();
            Map<String, Long> authors = new HashMap<>();
            int rows = 0;
            statement.execute("BEGIN IMMEDIATE");
            try (BufferedReader lines = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8);
                    PreparedStatement author = connection.prepareStatement("INSERT INTO authors (slug, name,"
                            + " created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (slug) DO UPDATE SET"
                            + " name = excluded.name, updated_at = excluded.updated_at RETURNING id");
                    PreparedStatement article = connection.prepareStatement("INSERT INTO articles (url, author_id,"
                            + " title, published_at, body, content_hash, fetched_at, created_at, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING")) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    Map<String, String> a = fields(json, line);
                    String slug = a.containsKey("author_slug") ? a.get("author_slug") : slug(a.get("author"));
                    Long authorId = authors.get(slug);
                    if (authorId == null) {
                        author.setString(1, slug);
                        author.setString(2, a.get("author"));
                        author.setString(3, now);
                        author.setString(4, now);
                        try (ResultSet id = author.executeQuery()) {
                            id.next();
                            authorId = id.getLong(1);
                        }
                        authors.put(slug, authorId);
                    }
                    String body = a.get("body");
                    article.setString(1, a.get("url"));
                    article.setLong(2, authorId);
                    article.setString(3, a.get("title"));
                    article.setString(4, a.get("published_at"));
                    article.setString(5, body);
                    article.setString(
                            6,
                            body == null
                                    ? null
                                    : HexFormat.of().formatHex(sha256.digest(body.getBytes(StandardCharsets.UTF_8))));
                    article.setString(7, body == null ? null : now);
                    article.setString(8, now);
                    article.setString(9, now);
                    article.addBatch();
                    rows++;
                }
                article.executeBatch();
            }
            statement.execute("COMMIT");
            System.out.println("inserted " + rows);
        }
    }

    private static Map<String, String> fields(JsonFactory json, String line) throws Exception {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = json.createParser(line)) {
            parser.nextToken();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                if (parser.nextToken() == JsonToken.VALUE_STRING) {
                    fields.put(name, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        }
        return fields;
    }

    /** The Python script's slugify for ASCII names: lower case, runs of other characters to one dash, trimmed. */
    private static String slug(String name) {
        return name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
    }
}
