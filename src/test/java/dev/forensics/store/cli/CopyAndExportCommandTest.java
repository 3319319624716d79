package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.RowDigest;
import dev.forensics.store.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code copy} and {@code export} through the CLI, SQLite to SQLite (PostgreSQL: CopyRoundTripTest, CopyKillProcessTest). */
class CopyAndExportCommandTest {
    /** The article columns that ingest reproduces (times of writing differ by nature). */
    private static final String ARTICLES =
            "SELECT a.id || '|' || a.url || '|' || coalesce(a.title, 'NULL') || '|' || coalesce(a.published_at, 'NULL')"
                    + " || '|' || coalesce(a.body, 'NULL') || '|' || coalesce(a.content_hash, 'NULL') || '|' || au.slug || '|' || au.name"
                    + " FROM articles a JOIN authors au ON au.id = a.author_id ORDER BY a.id";

    @TempDir
    Path dir;

    @Test
    void copyIntoANewFilePrintsAVerifiedTableAndTheTargetEqualsTheSource() {
        Path source = ingested("source.db");
        Path target = dir.resolve("target.db");

        Cli.Result copy = Cli.run(source, "copy", "--to", target.toString());

        assertThat(copy.exitCode()).as(copy.err()).isZero();
        assertThat(copy.out())
                .contains("articles")
                .contains("every table matches")
                .doesNotContain("MISMATCH");
        assertThat(RowDigest.of(target.toString())).isEqualTo(RowDigest.of(source.toString()));
    }

    @Test
    void copyRefusesATargetRowThatDiffersForTheSameIdNamingItAndWritesNothingOfItsBatch() throws SQLException {
        Path source = ingested("source.db");
        Path target = dir.resolve("target.db");
        Cli.run(source, "copy", "--to", target.toString());
        execute(target, "UPDATE authors SET name = 'Changed In Target' WHERE id = 3");
        execute(target, "DELETE FROM llm_cache");
        List<String> before = RowDigest.rows(target.toString(), "authors");

        Cli.Result copy = Cli.run(source, "copy", "--to", target.toString());

        assertThat(copy.exitCode()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(copy.errLines())
                .last()
                .asString()
                .startsWith("error: " + target.toAbsolutePath() + " already holds authors row [3] with another name")
                .contains("'Changed In Target'")
                .contains("--overwrite");
        assertThat(RowDigest.rows(target.toString(), "authors")).isEqualTo(before);
    }

    @Test
    void copyWithOverwriteReplacesTheDifferingRowAndVerifies() throws SQLException {
        Path source = ingested("source.db");
        Path target = dir.resolve("target.db");
        Cli.run(source, "copy", "--to", target.toString());
        execute(target, "UPDATE articles SET title = 'Changed In Target' WHERE id = 10");

        Cli.Result copy = Cli.run(source, "copy", "--to", target.toString(), "--overwrite");

        assertThat(copy.exitCode()).as(copy.err()).isZero();
        assertThat(copy.out()).containsPattern("articles +340 +340 +0 +339 +1 ");
        assertThat(RowDigest.of(target.toString())).isEqualTo(RowDigest.of(source.toString()));
    }

    @Test
    void copyExitsOneWhenTheTargetHoldsRowsTheSourceDoesNot() throws SQLException {
        Path source = ingested("source.db");
        Path target = dir.resolve("target.db");
        Cli.run(source, "copy", "--to", target.toString());
        execute(
                target,
                "INSERT INTO authors (id, slug, name, created_at, updated_at) VALUES (9999, 'extra', 'Extra',"
                        + " '2024-01-01T00:00:00.000000000Z', '2024-01-01T00:00:00.000000000Z')");

        Cli.Result copy = Cli.run(source, "copy", "--to", target.toString());

        assertThat(copy.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(copy.out()).containsPattern("authors +36 +37 .* MISMATCH");
        assertThat(copy.errLines()).last().asString().startsWith("error: the copy does not match its source");
    }

    @Test
    void copyRefusesATableWithAColumnItsDescriptionDoesNotListAndCopiesNothing() throws SQLException {
        Path source = ingested("source.db");
        execute(source, "ALTER TABLE llm_cache ADD COLUMN added_by_a_newer_migration TEXT");
        Path target = dir.resolve("target.db");

        Cli.Result copy = Cli.run(source, "copy", "--to", target.toString());

        assertThat(copy.exitCode()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(copy.errLines())
                .last()
                .asString()
                .startsWith("error: cannot copy llm_cache: " + source.toAbsolutePath())
                .contains("added_by_a_newer_migration")
                .contains("nothing was copied");
        assertThat(DatabaseProbe.count(target, "articles")).isZero();
    }

    @Test
    void exportPipedIntoIngestOfAFreshFileGivesTheSameArticlesAndAuthors() {
        Path source = ingested("source.db");
        Cli.Result export = Cli.run(source, "export");
        Path fresh = dir.resolve("fresh.db");

        Cli.Result ingest = Cli.runWithInput(fresh, export.out(), "ingest", "-");

        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.err()).contains("exported 340 articles");
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        assertThat(DatabaseProbe.strings(fresh, ARTICLES))
                .isEqualTo(DatabaseProbe.strings(source, ARTICLES))
                .hasSize(340);
        assertThat(DatabaseProbe.strings(fresh, "SELECT slug || '|' || name FROM authors ORDER BY id"))
                .isEqualTo(DatabaseProbe.strings(source, "SELECT slug || '|' || name FROM authors ORDER BY id"));
    }

    @Test
    void exportToAFileWithAuthorAndSinceFiltersWritesOnlyThoseArticles() throws Exception {
        Path source = ingested("source.db");
        String slug = DatabaseProbe.strings(source, "SELECT slug FROM authors ORDER BY id LIMIT 1")
                .get(0);
        String since = DatabaseProbe.strings(
                        source,
                        "SELECT published_at FROM articles WHERE published_at IS NOT NULL ORDER BY published_at LIMIT 1 OFFSET 100")
                .get(0);
        Path byAuthor = dir.resolve("by-author.jsonl");
        Path recent = dir.resolve("recent.jsonl");

        Cli.Result first = Cli.run(source, "export", "--to", byAuthor.toString(), "--author", slug);
        Cli.Result second = Cli.run(source, "export", "--to", recent.toString(), "--since", since);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(Files.readAllLines(byAuthor, StandardCharsets.UTF_8))
                .hasSize(Integer.parseInt(DatabaseProbe.strings(
                                source,
                                "SELECT count(*) FROM articles a JOIN authors au ON au.id = a.author_id WHERE au.slug = '"
                                        + slug + "'")
                        .get(0)))
                .allSatisfy(line -> assertThat(line).contains("\"author_slug\":\"" + slug + "\""));
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(Files.readAllLines(recent, StandardCharsets.UTF_8))
                .hasSize(Integer.parseInt(DatabaseProbe.strings(
                                source,
                                "SELECT count(*) FROM articles WHERE published_at >= '" + since + "' OR fetched_at >= '"
                                        + since + "'")
                        .get(0)));
    }

    @Test
    void exportRefusesToOverwriteAFileAndABadSinceIsBadInput() throws Exception {
        Path source = ingested("source.db");
        Path existing = Files.writeString(dir.resolve("keep.jsonl"), "precious");

        Cli.Result overwrite = Cli.run(source, "export", "--to", existing.toString());
        Cli.Result badSince = Cli.run(source, "export", "--since", "yesterday");

        assertThat(overwrite.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(overwrite.errLines()).singleElement().asString().startsWith("error: will not overwrite " + existing);
        assertThat(Files.readString(existing)).isEqualTo("precious");
        assertThat(badSince.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(badSince.errLines())
                .singleElement()
                .asString()
                .contains("--since")
                .contains("'yesterday'");
    }

    private Path ingested(String name) {
        Path db = TestFiles.migrated(dir, name);
        Cli.Result ingest = Cli.run(db, "ingest", Articles.SAMPLE.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        try (var repo = new dev.forensics.store.Repository(db)) {
            repo.llmCache().put("https://news.example.org/cached/1", "{\"a\":1}", "m1");
            repo.llmCache().put("https://news.example.org/cached/2", "{\"a\":2}", "m2");
        }
        return db;
    }

    private static void execute(Path db, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
