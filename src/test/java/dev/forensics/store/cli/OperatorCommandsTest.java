package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forensics.store.Repository;
import dev.forensics.store.llmcache.CacheStats;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator looks for (issue 17): cache stats --json, articles list/show, stats aligned. */
class OperatorCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void cacheStatsJsonIsOneObjectWithAKeyForEveryFieldOfCacheStats() throws Exception {
        Path db = TestFiles.migrated(dir);
        Cli.runWithInput(db, "{}", "cache", "put", "--url", "https://a.example/1", "--model", "m1");
        Cli.runWithInput(db, "{}", "cache", "put", "--url", "https://a.example/2", "--model", "m2");

        Cli.Result result = Cli.run(db, "cache", "stats", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).hasSize(1);
        JsonNode stats = JSON.readTree(result.out());
        List<String> expectedKeys = Arrays.stream(CacheStats.class.getRecordComponents())
                .map(c -> Fields.snakeCase(c.getName()))
                .toList();
        assertThat(stats.fieldNames()).toIterable().containsExactlyElementsOf(expectedKeys);
        assertThat(stats.get("entries").asLong()).isEqualTo(2);
        assertThat(stats.get("models").asLong()).isEqualTo(2);
        assertThat(stats.get("oldest").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void cacheStatsAsTextHasTheSameKeysAligned() {
        Path db = TestFiles.migrated(dir);

        Cli.Result result = Cli.run(db, "cache", "stats");

        assertThat(result.out().lines())
                .containsExactly(
                        "entries           0",
                        "models            0",
                        "bytes             0",
                        "entries_by_model  {}",
                        "oldest            -",
                        "newest            -",
                        "max_entries       0",
                        "max_bytes         0",
                        "free_pages        0");
    }

    @Test
    void statsAsTextStartsEveryValueInOneColumn() {
        Path db = TestFiles.migrated(dir);

        Cli.Result result = Cli.run(db, "stats");

        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSizeGreaterThan(10);
        int column = lines.get(0).indexOf(dir.toString());
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.charAt(column - 1)).as(line).isEqualTo(' ');
            assertThat(line.charAt(column)).as(line).isNotEqualTo(' ');
            assertThat(line.substring(0, column).strip()).as(line).doesNotContain(" ");
        });
    }

    @Test
    void articlesListShowsAnAuthorsArticlesMostRecentlyStoredFirstUpToTheLimit() {
        Path db = withArticles("https://a.example/1", "https://a.example/2", "https://a.example/3");

        Cli.Result result = Cli.run(db, "articles", "list", "--author", "ann", "--limit", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).containsExactly("-  https://a.example/3  T", "-  https://a.example/2  T");
        assertThat(result.err()).isEqualTo("(2 of 3 articles by ann; --limit shows more)" + System.lineSeparator());
    }

    @Test
    void articlesListJsonIsOneArrayWithoutBodies() throws Exception {
        Path db = withArticles("https://a.example/1", "https://a.example/2");

        Cli.Result result = Cli.run(db, "articles", "list", "--author", "ann", "--json");

        JsonNode rows = JSON.readTree(result.out());
        assertThat(rows.isArray()).isTrue();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("url").asText()).isEqualTo("https://a.example/2");
        assertThat(rows.get(0).get("author").asText()).isEqualTo("ann");
        assertThat(rows.get(0).get("body_chars").asInt()).isEqualTo(1);
        assertThat(rows.get(0).has("body")).isFalse();
    }

    @Test
    void articlesListOfAnUnknownAuthorIsNotFound() {
        Path db = withArticles("https://a.example/1");

        Cli.Result result = Cli.run(db, "articles", "list", "--author", "nobody");

        assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(result.errLines()).singleElement().asString().startsWith("error: no author with slug nobody");
    }

    @Test
    void articlesShowPrintsTheFiguresThenTheBody() {
        Path db = withArticles("https://a.example/1");

        Cli.Result result = Cli.run(db, "articles", "show", "https://a.example/1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .startsWith("url           https://a.example/1" + System.lineSeparator())
                .contains("author        ann" + System.lineSeparator())
                .contains("author_name   Ann" + System.lineSeparator())
                .endsWith(System.lineSeparator() + System.lineSeparator() + "B" + System.lineSeparator());
    }

    @Test
    void articlesShowJsonIsOneObjectWithTheBody() throws Exception {
        Path db = withArticles("https://a.example/1");

        Cli.Result result = Cli.run(db, "articles", "show", "--json", "https://a.example/1");

        JsonNode article = JSON.readTree(result.out());
        assertThat(result.out().lines()).hasSize(1);
        assertThat(article.get("url").asText()).isEqualTo("https://a.example/1");
        assertThat(article.get("title").asText()).isEqualTo("T");
        assertThat(article.get("body").asText()).isEqualTo("B");
        assertThat(article.get("published_at").isNull()).isTrue();
    }

    @Test
    void articlesShowOfAUrlNotStoredIsNotFound() {
        Path db = withArticles("https://a.example/1");

        Cli.Result result = Cli.run(db, "articles", "show", "https://a.example/404");

        assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(result.err()).isEqualTo("error: no article with URL https://a.example/404" + System.lineSeparator());
    }

    @Test
    void aRunThatWroteNothingPrintsNoRate() {
        Path db = withArticles("https://a.example/1");

        Cli.Result rerun = Cli.run(db, "ingest", dir.resolve("in.jsonl").toString());

        assertThat(rerun.out()).contains("inserted 0, updated 0, skipped 1").doesNotContain("rows/s");
    }

    @Test
    void anInputOfOneBatchShowsTheValidationAndTheWriting() {
        Path input = Articles.lines(dir.resolve("one.jsonl"), List.of(Articles.line("https://a.example/1", "Ann")));

        Cli.Result result = Cli.run(dir.resolve("forensics.db"), "ingest", "--progress", input.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("validating: 1 lines");
        assertThat(Terminal.render(result.err()))
                .singleElement()
                .asString()
                .startsWith("[####################] 100%  1/1 records, ");
    }

    @Test
    void skippedLineWarningsDoNotBreakTheProgressLine() {
        Path input = Articles.lines(
                dir.resolve("in.jsonl"), List.of(Articles.line("https://a.example/1", "Ann"), "not json"));

        Cli.Result result =
                Cli.run(dir.resolve("forensics.db"), "ingest", "--progress", "--skip-invalid", input.toString());

        assertThat(Terminal.render(result.err()))
                .hasSize(2)
                .satisfiesExactly(
                        warning -> assertThat(warning)
                                .startsWith("warning: " + input + ":2: not JSON")
                                .endsWith("(skipped)"),
                        progress -> assertThat(progress).startsWith("[####################] 100%  1/1 records, "));
    }

    private Path withArticles(String... urls) {
        Path db = dir.resolve("forensics.db");
        Path input = Articles.lines(
                dir.resolve("in.jsonl"),
                Arrays.stream(urls).map(url -> Articles.line(url, "Ann")).toList());
        Cli.Result ingest = Cli.run(db, "ingest", input.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        try (Repository repo = new Repository(db)) {
            assertThat(repo.articles().count()).isEqualTo(urls.length);
        }
        return db;
    }
}
