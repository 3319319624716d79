package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.article.Article;
import dev.forensics.store.author.Author;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {
    @TempDir
    Path dir;

    @Test
    void ingestOfTheSampleIsIdempotentAcrossTwoRuns() throws Exception {
        Path db = dir.resolve("forensics.db");
        long sampleLines = Files.readAllLines(Articles.SAMPLE).stream()
                .filter(l -> !l.isBlank())
                .count();

        Cli.Result first = Cli.run(db, "ingest", Articles.SAMPLE.toString());
        long[] afterFirst = counts(db);
        Cli.Result second = Cli.run(db, "ingest", Articles.SAMPLE.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("read " + sampleLines + ", inserted " + sampleLines + ", updated 0, skipped 0, invalid 0");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("inserted 0, updated 0, skipped " + sampleLines);
        assertThat(counts(db)).containsExactly(afterFirst);
        assertThat(afterFirst[1]).isEqualTo(sampleLines);
        assertThat(afterFirst[0]).isBetween(20L, 60L);
    }

    @Test
    void ingestEndsWithATruncateCheckpointSoTheWalIsEmptyWhileAnotherProcessStillHasTheFileOpen() throws Exception {
        Path db = dir.resolve("forensics.db");
        dev.forensics.store.Repository.migrate(db);
        try (var other = new dev.forensics.store.Repository(db)) {
            other.articles().count(); // an idle reader: keeps the -wal from being removed on the ingest's close

            Cli.Result result = Cli.run(db, "ingest", Articles.SAMPLE.toString());

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.err()).doesNotContain("could not be emptied");
            assertThat(Files.size(dir.resolve("forensics.db-wal"))).isZero();
            assertThat(other.articles().count()).isPositive();
        }
    }

    @Test
    void aFinalCheckpointThatFoundAnotherOneRunningIsReportedAsSuchNotAsMinusOneFramesCopied() {
        var anotherRunning = new dev.forensics.store.sqlite.CheckpointResult(
                dev.forensics.store.sqlite.CheckpointMode.TRUNCATE, true, -1, -1);

        assertThat(IngestCommand.walNotEmptied("f.db", anotherRunning))
                .hasValueSatisfying(warning -> assertThat(warning)
                        .contains("another process was checkpointing it")
                        .doesNotContain("-1"));
    }

    @Test
    void aFinalCheckpointThatReadersStoppedShortIsReportedWithItsFrameCounts() {
        var stoppedByReaders = new dev.forensics.store.sqlite.CheckpointResult(
                dev.forensics.store.sqlite.CheckpointMode.TRUNCATE, true, 200, 120);

        assertThat(IngestCommand.walNotEmptied("f.db", stoppedByReaders))
                .hasValue("warning: the -wal file of f.db could not be emptied: readers still use it (120 of 200 frames"
                        + " copied); it will be on a later checkpoint");
        assertThat(IngestCommand.walNotEmptied(
                        "f.db",
                        new dev.forensics.store.sqlite.CheckpointResult(
                                dev.forensics.store.sqlite.CheckpointMode.TRUNCATE, false, 0, 0)))
                .isEmpty();
    }

    @Test
    void aMalformedLineWritesNothingAndNamesTheLine() {
        Path db = dir.resolve("forensics.db");
        Path input = Articles.lines(
                dir.resolve("in.jsonl"),
                List.of(
                        Articles.line("https://a.example/1", "Ann"),
                        Articles.line("https://a.example/2", "Ann"),
                        "{\"url\": \"https://a.example/3\", \"author\": ",
                        Articles.line("https://a.example/4", "Ann")));

        Cli.Result result = Cli.run(db, "ingest", input.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).startsWith("error: " + input + ":3: not JSON").contains("nothing was written");
        assertThat(Files.exists(db))
                .as("validation runs before the database is even created")
                .isFalse();
    }

    @Test
    void aDashIngestsStandardInputAndLeavesNoCopyOfItBehind() throws Exception {
        Path db = dir.resolve("forensics.db");
        String input =
                Articles.line("https://a.example/1", "Ann") + "\n" + Articles.line("https://a.example/2", "Bo") + "\n";
        List<Path> spoolsBefore = stdinSpools();

        Cli.Result result = Cli.runWithInput(db, input, "ingest", "-");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("read 2, inserted 2");
        try (var repo = new Repository(db)) {
            assertThat(repo.articles().existsByUrl("https://a.example/2")).isTrue();
        }
        assertThat(stdinSpools()).isEqualTo(spoolsBefore);
    }

    @Test
    void aMalformedLineOnStandardInputIsNamedAsStdinAndNothingIsWritten() throws Exception {
        Path db = dir.resolve("forensics.db");
        String input = Articles.line("https://a.example/1", "Ann") + "\n{\"url\": \n";
        List<Path> spoolsBefore = stdinSpools();

        Cli.Result result = Cli.runWithInput(db, input, "ingest", "-");

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.err())
                .startsWith("error: ")
                .contains("/stdin:2: not JSON")
                .contains("nothing was written");
        assertThat(Files.exists(db)).isFalse();
        assertThat(stdinSpools()).as("the copy is deleted on failure too").isEqualTo(spoolsBefore);
    }

    @Test
    void standardInputGivenTwiceIsABadUsageError() {
        Cli.Result result = Cli.runWithInput(dir.resolve("forensics.db"), "", "ingest", "-", "-");

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.err()).isEqualTo("error: - (standard input) can be given once only" + System.lineSeparator());
    }

    /** The copies of standard input in the temporary directory (there should be none left after a command). */
    private static List<Path> stdinSpools() throws java.io.IOException {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("forensics-ingest-"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyMalformedLineIsListedAndTheFirstIsInTheErrorLine() {
        Path db = dir.resolve("forensics.db");
        Path input = Articles.lines(
                dir.resolve("in.jsonl"),
                List.of(
                        "{\"author\": \"Ann\"}",
                        Articles.line("https://a.example/2", "Ann"),
                        "{\"url\": \"https://a.example/3\", \"author\": \"Bo\", \"published_at\": \"yesterday\"}"));

        Cli.Result result = Cli.run(db, "ingest", input.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.errLines())
                .containsExactly(
                        input
                                + ":3: published_at must be an ISO-8601 time such as 2024-05-01T12:00:00Z, was 'yesterday'",
                        "error: " + input
                                + ":1: url is required (and 1 more invalid line); nothing was written: fix the input or rerun with --skip-invalid");
    }

    @Test
    void skipInvalidReportsMalformedLinesAndWritesTheRest() {
        Path db = dir.resolve("forensics.db");
        Path input = Articles.lines(
                dir.resolve("in.jsonl"),
                List.of(
                        Articles.line("https://a.example/1", "Ann"),
                        "not json at all",
                        "",
                        Articles.line("https://a.example/2", "Bo")));

        Cli.Result result = Cli.run(db, "ingest", "--skip-invalid", input.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("warning: " + input + ":2: not JSON").contains("(skipped)");
        assertThat(result.out()).contains("read 3, inserted 2, updated 0, skipped 0, invalid 1");
        assertThat(counts(db)).containsExactly(2, 2);
    }

    @Test
    void updateUpsertsArticlesWhoseUrlIsStored() {
        Path db = dir.resolve("forensics.db");
        Path v1 = Articles.lines(
                dir.resolve("v1.jsonl"),
                List.of("{\"url\":\"https://a.example/1\",\"author\":\"Ann\",\"title\":\"Old\"}"));
        Path v2 = Articles.lines(
                dir.resolve("v2.jsonl"),
                List.of("{\"url\":\"https://a.example/1\",\"author\":\"Ann\",\"title\":\"New\"}"));
        Cli.run(db, "ingest", v1.toString());

        Cli.Result skipped = Cli.run(db, "ingest", v2.toString());
        String titleAfterSkip = article(db, "https://a.example/1").title();
        Cli.Result updated = Cli.run(db, "ingest", "--update", v2.toString());

        assertThat(skipped.out()).contains("inserted 0, updated 0, skipped 1");
        assertThat(titleAfterSkip).isEqualTo("Old");
        assertThat(updated.out()).contains("inserted 0, updated 1, skipped 0");
        assertThat(article(db, "https://a.example/1").title()).isEqualTo("New");
    }

    @Test
    void derivesTheAuthorSlugFromTheNameAndKeepsAGivenOne() {
        Path db = dir.resolve("forensics.db");
        Path input = Articles.lines(
                dir.resolve("in.jsonl"),
                List.of(
                        "{\"url\":\"https://a.example/1\",\"author\":\"Zoë O'Brien\",\"unknown\":{\"ignored\":true}}",
                        "{\"url\":\"https://a.example/2\",\"author\":\"J. Smith\",\"author_slug\":\"jsmith\"}"));

        Cli.Result result = Cli.run(db, "ingest", input.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        try (Repository repo = new Repository(db)) {
            assertThat(repo.authors().list())
                    .extracting(Author::slug, Author::name)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("jsmith", "J. Smith"),
                            org.assertj.core.groups.Tuple.tuple("zoe-o-brien", "Zoë O'Brien"));
        }
    }

    @Test
    void aMissingInputFileIsBadInputAndCreatesNoDatabase() {
        Path db = dir.resolve("forensics.db");

        Cli.Result result = Cli.run(db, "ingest", dir.resolve("missing.jsonl").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("error: cannot read " + dir.resolve("missing.jsonl"));
        assertThat(Files.exists(db)).isFalse();
    }

    @Test
    void aBatchSizeBelowOneIsBadUsage() {
        Cli.Result result =
                Cli.run(dir.resolve("forensics.db"), "ingest", "--batch-size", "0", Articles.SAMPLE.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.err())
                .isEqualTo("error: --batch-size must be between 1 and 1000000000, was 0" + System.lineSeparator());
    }

    @Test
    void theProgressBarDrawsOnStandardErrorWhenAsked() {
        Path input = Articles.generate(dir.resolve("in.jsonl"), 50, 10);

        Cli.Result result =
                Cli.run(dir.resolve("forensics.db"), "ingest", "--progress", "--batch-size", "10", input.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("100%  50/50").contains("\r[");
        assertThat(result.out()).doesNotContain("\r");
    }

    /** {authors, articles}. */
    static long[] counts(Path db) {
        try (Repository repo = new Repository(db)) {
            return new long[] {repo.authors().count(), repo.articles().count()};
        }
    }

    private static Article article(Path db, String url) {
        try (Repository repo = new Repository(db)) {
            return repo.articles().findByUrl(url).orElseThrow();
        }
    }
}
