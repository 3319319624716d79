package dev.forensics.store.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.StoreOptions;
import dev.forensics.store.ingest.IngestListener;
import dev.forensics.store.ingest.IngestOptions;
import dev.forensics.store.ingest.Ingester;
import dev.forensics.store.schema.Migrator;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.DatabaseProbe;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Exporter} output read back by {@link Ingester}: the hostile store survives the JSON Lines trip. */
class ExportRoundTripTest {
    /** What ingest reproduces of an article and its author (the times of writing differ by nature). */
    private static final String ARTICLES =
            "SELECT a.id || '|' || a.url || '|' || coalesce(a.title, 'NULL') || '|' || coalesce(a.published_at, 'NULL')"
                    + " || '|' || coalesce(a.content_hash, 'NULL') || '|' || au.id || '|' || au.slug || '|' || au.name"
                    + " FROM articles a JOIN authors au ON au.id = a.author_id ORDER BY a.id";

    private static final String BODIES = "SELECT coalesce(body, 'NULL') FROM articles ORDER BY id";

    @TempDir
    Path dir;

    @Test
    void hostileArticlesExportedAndIngestedIntoAFreshFileAreTheSameArticlesAndAuthors() throws IOException {
        SqliteDatabase source = new SqliteDatabase(dir.resolve("source.db"), StoreOptions.defaults());
        Migrator.migrate(source);
        HostileStore.fill(source, 600);
        Path lines = dir.resolve("export.jsonl");
        long exported;
        try (Writer out = Files.newBufferedWriter(lines, StandardCharsets.UTF_8)) {
            exported = Exporter.export(source, ExportFilter.all(), out);
        }
        SqliteDatabase fresh = new SqliteDatabase(dir.resolve("fresh.db"), StoreOptions.defaults());

        var summary = new Ingester(fresh, IngestOptions.defaults(), new IngestListener() {}).ingest(List.of(lines));

        assertThat(exported).isEqualTo(600);
        assertThat(summary.inserted()).isEqualTo(600);
        assertThat(DatabaseProbe.strings(fresh.file(), ARTICLES))
                .isEqualTo(DatabaseProbe.strings(source.file(), ARTICLES));
        assertThat(DatabaseProbe.strings(fresh.file(), BODIES))
                .as("bodies, the 10 MB one included")
                .isEqualTo(DatabaseProbe.strings(source.file(), BODIES));
    }
}
