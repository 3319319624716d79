package dev.forensics.store.transfer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.forensics.store.Database;
import dev.forensics.store.StoreException;
import dev.forensics.store.internal.InstantText;
import dev.forensics.store.schema.SchemaVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes articles as JSON Lines in exactly the format {@code ingest} reads ({@link dev.forensics.store.ingest.ArticleLines}):
 * one object per line with {@code url}, {@code author}, {@code author_slug}, {@code title}, {@code published_at} and
 * {@code body} (absent fields are NULL in the store). Ordered by article id, read in batches inside one read snapshot,
 * so memory holds one batch and the output is consistent while writers keep writing. Ingesting the output into a fresh
 * database gives the same articles and authors (ids too, when nothing else was ingested there first).
 */
public final class Exporter {
    /** Articles read per query: bodies may be megabytes each. */
    static final int BATCH = 200;

    private static final JsonFactory JSON =
            JsonFactory.builder().build().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final String SELECT = "SELECT a.id, a.url, au.name, au.slug, a.title, a.published_at, a.body"
            + " FROM articles a JOIN authors au ON au.id = a.author_id WHERE a.id > ?";

    private Exporter() {}

    /**
     * Writes the articles of {@code database} chosen by {@code filter} to {@code out} (which the caller closes) and
     * returns how many were written. Opens one connection and closes it before returning.
     *
     * @throws StoreException a typed subclass when the database fails or is not at this library's schema version;
     *                        the lines written so far are whole
     * @throws UncheckedIOException when {@code out} fails (a closed pipe, a full disk)
     */
    public static long export(Database database, ExportFilter filter, Writer out) {
        String sql =
                SELECT + filter.authorSlug().map(slug -> " AND au.slug = ?").orElse("")
                        + filter.since()
                                .map(since -> " AND (a.published_at >= ? OR a.fetched_at >= ?)")
                                .orElse("")
                        + " ORDER BY a.id LIMIT " + BATCH;
        try (Connection connection = database.connect()) {
            SchemaVersion.verify(database.migration().appliedSchemaVersion(connection), database.displayName());
            connection.setAutoCommit(false); // one read snapshot for the whole export
            long written = 0;
            try (PreparedStatement statement = connection.prepareStatement(sql);
                    JsonGenerator json = JSON.createGenerator(out).setRootValueSeparator(null)) {
                long after = 0;
                for (int rows = -1; rows != 0; ) {
                    bind(statement, after, filter);
                    rows = 0;
                    try (ResultSet result = statement.executeQuery()) {
                        while (result.next()) {
                            after = result.getLong(1);
                            writeLine(json, result);
                            rows++;
                        }
                    }
                    json.flush();
                    written += rows;
                }
            }
            connection.rollback();
            connection.setAutoCommit(true);
            return written;
        } catch (SQLException e) {
            throw database.translate(e, "exporting articles");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "writing the export of " + database.displayName() + " failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, long after, ExportFilter filter) throws SQLException {
        int index = 1;
        statement.setLong(index++, after);
        if (filter.authorSlug().isPresent()) {
            statement.setString(index++, filter.authorSlug().get());
        }
        if (filter.since().isPresent()) {
            String since = InstantText.format(filter.since().get());
            statement.setString(index++, since);
            statement.setString(index, since);
        }
    }

    private static void writeLine(JsonGenerator json, ResultSet row) throws SQLException, IOException {
        json.writeStartObject();
        json.writeStringField("url", row.getString(2));
        json.writeStringField("author", row.getString(3));
        json.writeStringField("author_slug", row.getString(4));
        optional(json, "title", row.getString(5));
        optional(json, "published_at", row.getString(6));
        optional(json, "body", row.getString(7));
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private static void optional(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }
}
