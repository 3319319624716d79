package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.article.Article;
import dev.forensics.store.author.Author;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code ingest} does with the inputs a broken scraper produces (issue 11): each line refused or stored exactly. */
class IngestInputEdgesTest {
    @TempDir
    Path dir;

    @Test
    void aUtf8ByteOrderMarkAtTheStartOfTheFileIsSkipped() throws Exception {
        Path db = dir.resolve("forensics.db");
        Path input = dir.resolve("bom.jsonl");
        Files.writeString(
                input,
                "\uFEFF" + Articles.line("https://a.example/1", "Ann") + "\n"
                        + Articles.line("https://a.example/2", "Bo") + "\n",
                StandardCharsets.UTF_8);

        Cli.Result result = Cli.run(db, "ingest", input.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("read 2, inserted 2");
        assertThat(article(db, "https://a.example/1").url()).isEqualTo("https://a.example/1");
    }

    @Test
    void aBodyOfTwentyFiveMegabytesIsStoredWhole() throws Exception {
        Path db = dir.resolve("forensics.db");
        String body = "x".repeat(25 * 1024 * 1024);
        Path input = dir.resolve("big.jsonl");
        try (BufferedWriter writer = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            writer.write("{\"url\":\"https://a.example/big\",\"author\":\"Ann\",\"body\":\"" + body + "\"}\n");
        }

        Cli.Result result = Cli.run(db, "ingest", input.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(article(db, "https://a.example/big").body()).hasSize(body.length());
    }

    @Test
    void aStringLongerThanTheDocumentedLimitIsAnInvalidLineThatNamesTheLimit() throws Exception {
        Path db = dir.resolve("forensics.db");
        Path input = dir.resolve("huge.jsonl");
        try (BufferedWriter writer = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            writer.write("{\"url\":\"https://a.example/huge\",\"author\":\"Ann\",\"body\":\"");
            writer.write("y".repeat(dev.forensics.store.ingest.ArticleLines.MAX_STRING_CHARS + 1));
            writer.write("\"}\n");
        }

        Cli.Result result = Cli.run(db, "ingest", input.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("error: " + input + ":1: a string value is longer than")
                .contains(String.valueOf(dev.forensics.store.ingest.ArticleLines.MAX_STRING_CHARS));
        assertThat(db).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+10000-01-01T00:00:00Z", "-0001-12-31T00:00:00Z", "0000-01-01T00:30:00+01:00"})
    void aPublicationTimeOutsideTheYearsZeroToNineThousandNineHundredNinetyNineIsAnInvalidLine(String publishedAt) {
        Path db = dir.resolve("forensics.db");
        Path input = Articles.lines(
                dir.resolve("in.jsonl"),
                List.of("{\"url\":\"https://a.example/1\",\"author\":\"Ann\",\"published_at\":\"" + publishedAt
                        + "\"}"));

        Cli.Result result = Cli.run(db, "ingest", input.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.err()).startsWith("error: " + input + ":1: published_at must fall in the years 0000 to 9999");
        assertThat(db).doesNotExist();
    }

    @Test
    void publicationTimesAtTheEdgesOfTheYearRangeAreStored() {
        Path db = dir.resolve("forensics.db");
        Path input = Articles.lines(
                dir.resolve("in.jsonl"),
                List.of(
                        "{\"url\":\"https://a.example/1\",\"author\":\"Ann\",\"published_at\":\"0000-01-01T00:00:00Z\"}",
                        "{\"url\":\"https://a.example/2\",\"author\":\"Ann\",\"published_at\":\"9999-12-31T23:59:59Z\"}"));

        Cli.Result result = Cli.run(db, "ingest", input.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(article(db, "https://a.example/2").publishedAt())
                .isEqualTo(java.time.Instant.parse("9999-12-31T23:59:59Z"));
    }

    @Test
    void aLoneSurrogateInAnyFieldIsAnInvalidLineNamingTheFieldAndNothingIsWritten() {
        Path db = dir.resolve("forensics.db");
        Path input = Articles.lines(
                dir.resolve("in.jsonl"),
                List.of(
                        "{\"url\":\"https://x.test/a?\",\"author\":\"Ann\"}",
                        "{\"url\":\"https://x.test/a\\ud800\",\"author\":\"Ann\"}",
                        "{\"url\":\"https://x.test/b\",\"author\":\"Ann\\udc00\"}",
                        "{\"url\":\"https://x.test/c\",\"author\":\"Ann\",\"title\":\"\\ud83d\\ude00 paired is fine\"}"));

        Cli.Result result = Cli.run(db, "ingest", input.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.errLines())
                .containsExactly(
                        input
                                + ":3: author holds a lone UTF-16 surrogate (\\udc00 at character 4) that cannot be stored as UTF-8; fix the text where it was produced (a truncated scrape?)",
                        "error: " + input
                                + ":2: url holds a lone UTF-16 surrogate (\\ud800 at character 17) that cannot be stored as UTF-8; "
                                + "fix the text where it was produced (a truncated scrape?) (and 1 more invalid line); nothing was written: fix the input or rerun with --skip-invalid");
        assertThat(db).doesNotExist();
    }

    @Test
    void withSkipInvalidALoneSurrogateLineIsSkippedAndCannotOverwriteAnotherUrl() {
        Path db = dir.resolve("forensics.db");
        Path input = Articles.lines(
                dir.resolve("in.jsonl"),
                List.of(
                        "{\"url\":\"https://x.test/a?\",\"author\":\"Ann\",\"title\":\"Real\"}",
                        "{\"url\":\"https://x.test/a\\ud800\",\"author\":\"Ann\",\"title\":\"Truncated\"}"));

        Cli.Result result = Cli.run(db, "ingest", "--skip-invalid", "--update", input.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("read 2, inserted 1, updated 0, skipped 0, invalid 1");
        assertThat(article(db, "https://x.test/a?").title()).isEqualTo("Real");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 500})
    void aUrlGivenTwiceKeepsItsFirstVersionWhateverTheBatchSize(int batchSize) {
        Path db = dir.resolve("forensics.db");
        Path input = Articles.lines(
                dir.resolve("in.jsonl"),
                List.of(
                        "{\"url\":\"https://a.example/1\",\"author\":\"Ann\",\"title\":\"First\"}",
                        "{\"url\":\"https://a.example/2\",\"author\":\"Bo\",\"title\":\"Other\"}",
                        "{\"url\":\"https://a.example/1\",\"author\":\"Ann\",\"title\":\"Second\"}"));

        Cli.Result result = Cli.run(db, "ingest", "--batch-size", String.valueOf(batchSize), input.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("read 3, inserted 2, updated 0, skipped 1");
        assertThat(article(db, "https://a.example/1").title()).isEqualTo("First");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 500})
    void withUpdateAUrlGivenTwiceKeepsItsLastVersionWhateverTheBatchSize(int batchSize) {
        Path db = dir.resolve("forensics.db");
        Path input = Articles.lines(
                dir.resolve("in.jsonl"),
                List.of(
                        "{\"url\":\"https://a.example/1\",\"author\":\"Ann\",\"author_slug\":\"ann\",\"title\":\"First\"}",
                        "{\"url\":\"https://a.example/1\",\"author\":\"Ann B.\",\"author_slug\":\"ann\",\"title\":\"Second\"}"));

        Cli.Result result =
                Cli.run(db, "ingest", "--update", "--batch-size", String.valueOf(batchSize), input.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("read 2, inserted 1, updated 1, skipped 0");
        assertThat(article(db, "https://a.example/1").title()).isEqualTo("Second");
        try (Repository repo = new Repository(db)) {
            assertThat(repo.authors().findBySlug("ann")).map(Author::name).hasValue("Ann B.");
        }
    }

    @Test
    void skipInvalidOnAnInputWithNoValidLineIsBadInputAndCreatesNoDatabase() {
        Path db = dir.resolve("forensics.db");
        Path input = Articles.lines(dir.resolve("in.jsonl"), List.of("not json", "{\"author\": \"Ann\"}"));

        Cli.Result result = Cli.run(db, "ingest", "--skip-invalid", input.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.errLines())
                .hasSize(3)
                .last()
                .asString()
                .isEqualTo(
                        "error: all 2 non-blank lines are invalid (reported above and skipped); nothing was written: fix the input");
        assertThat(result.out()).isEmpty();
        assertThat(db).doesNotExist();
    }

    @Test
    void aBatchSizeAboveTheBoundIsBadUsageWithTheBound() {
        Cli.Result result = Cli.run(
                dir.resolve("forensics.db"), "ingest", "--batch-size", "2000000000", Articles.SAMPLE.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.err())
                .isEqualTo("error: --batch-size must be between 1 and 1000000000, was 2000000000"
                        + System.lineSeparator());
    }

    @Test
    void controlCharactersFromTheInputAreEscapedInErrorsAndWarnings() {
        Path db = dir.resolve("forensics.db");
        String crafted = "https://evil.example/\\u001b]0;owned\\u0007\\u001b[2J\\r\\nerror: forged line\\u202e";
        Path input = Articles.lines(
                dir.resolve("in.jsonl"),
                List.of(
                        "{\"url\":\"" + crafted + "\",\"author\":\"Ann\"}",
                        "{\"url\":\"relative/\\u001b[31mred\",\"author\":\"Ann\"}"));

        Cli.Result refused = Cli.run(db, "ingest", input.toString());
        Cli.Result skipped = Cli.run(db, "ingest", "--skip-invalid", input.toString());

        for (Cli.Result result : List.of(refused, skipped)) {
            assertThat(result.err()).doesNotContain("\u001b", "\u0007", "\r", "\u202e");
            assertThat(result.errLines()).noneMatch(line -> line.startsWith("error: forged line"));
        }
        assertThat(refused.errLines()).hasSize(2);
        assertThat(refused.err()).contains("\\u001b]0;owned\\u0007\\u001b[2J").contains("\\u001b[31mred");
        assertThat(skipped.errLines()).hasSize(3);
    }

    private static Article article(Path db, String url) {
        try (Repository repo = new Repository(db)) {
            return repo.articles().findByUrl(url).orElseThrow();
        }
    }
}
