package dev.forensics.store.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.postgres.PostgresDatabase;
import dev.forensics.store.schema.Migrator;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.EmbeddedPostgresServer;
import dev.forensics.store.testing.RowDigest;
import dev.forensics.store.testing.SampleStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite to PostgreSQL and back with the {@link Copier}, compared by an independent plain-JDBC reader ({@link RowDigest}). */
class CopyRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void aStoreWithHostileTextCopiedToPostgresAndBackEqualsTheFirstRowForRow() {
        SqliteDatabase first = migratedFile("first.db");
        HostileStore.fill(first, 3_200);
        SampleStore.fill(first, "plain", 300, 500);
        Map<String, String> original = RowDigest.of(first.file().toString());
        String url = EmbeddedPostgresServer.newSchemaUrl();
        SqliteDatabase last = new SqliteDatabase(dir.resolve("last.db"), StoreOptions.defaults());

        CopySummary there;
        CopySummary back;
        try (PostgresDatabase pg = PostgresDatabase.open(url, null, null, StoreOptions.defaults())) {
            there = Copier.copy(first, pg, CopyListener.NONE);
            back = Copier.copy(pg, last, CopyListener.NONE);
        }

        assertThat(there.verified()).as("%s", there).isTrue();
        assertThat(back.verified()).as("%s", back).isTrue();
        assertThat(RowDigest.of(url)).as("PostgreSQL, read by plain JDBC").isEqualTo(original);
        assertThat(RowDigest.of(last.file().toString()))
                .as("the file after the round trip")
                .isEqualTo(original);
        assertThat(DatabaseProbe.count(last.file(), "articles")).isEqualTo(3_500);
        assertThat(DatabaseProbe.strings(last.file(), "SELECT count(DISTINCT model) FROM llm_cache")
                        .get(0))
                .isEqualTo("7");
        assertThat(DatabaseProbe.strings(last.file(), "SELECT max(length(body)) FROM articles")
                        .get(0))
                .as("the 10 MB body, whole")
                .isEqualTo(DatabaseProbe.strings(first.file(), "SELECT max(length(body)) FROM articles")
                        .get(0));
        System.out.println("FIGURE copy-round-trip rows=" + there.rowsWritten() + " sqlite-to-postgres-ms="
                + there.took().toMillis() + " postgres-to-sqlite-ms="
                + back.took().toMillis() + " (machine shared with other builds)");
    }

    @Test
    void postgresGivesNewRowsIdsPastTheCopiedOnes() {
        SqliteDatabase source = migratedFile("source.db");
        SampleStore.fill(source, "ids", 700, 100);
        try (PostgresDatabase pg =
                PostgresDatabase.open(EmbeddedPostgresServer.newSchemaUrl(), null, null, StoreOptions.defaults())) {
            Copier.copy(source, pg, CopyListener.NONE);

            try (Repository repo = new Repository(pg)) {
                long author = repo.authors().upsert("someone-new", "Someone New");
                long article = repo.articles()
                        .upsert(new dev.forensics.store.article.NewArticle(
                                "https://new.example/1", author, "t", null, "b"));

                assertThat(author)
                        .isEqualTo(Long.parseLong(DatabaseProbe.strings(source.file(), "SELECT max(id) FROM authors")
                                        .get(0))
                                + 1);
                assertThat(article).isEqualTo(701);
            }
        }
    }

    private SqliteDatabase migratedFile(String name) {
        SqliteDatabase database = new SqliteDatabase(dir.resolve(name), StoreOptions.defaults());
        Migrator.migrate(database);
        return database;
    }
}
