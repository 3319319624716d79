package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.testing.DatabaseProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An {@code ingest} input without a single article is refused (exit 2, one line, nothing written) unless
 * {@code --allow-empty}: an upstream step that produced nothing must not pass for a successful run that read 0.
 */
class EmptyIngestInputTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyFileIsRefusedInOneLineAndNoDatabaseIsCreated() throws Exception {
        Path db = dir.resolve("forensics.db");
        Path input = Files.createFile(dir.resolve("empty.jsonl"));

        Cli.Result result = Cli.run(db, "ingest", input.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("error: " + input + " holds no article (empty, or blank lines only); nothing was written")
                .contains("--allow-empty");
        assertThat(result.out()).isEmpty();
        assertThat(db).doesNotExist();
        assertThat(Files.list(dir).map(file -> file.getFileName().toString()).toList())
                .containsExactly("empty.jsonl");
    }

    @Test
    void blankLinesOnlyAreRefusedAndAnExistingStoreKeepsItsArticles() {
        Path db = dir.resolve("forensics.db");
        Path one = Articles.lines(dir.resolve("one.jsonl"), List.of(Articles.line("https://a.example/1", "Ann")));
        assertThat(Cli.run(db, "ingest", one.toString()).exitCode()).isZero();
        Path blank = Articles.lines(dir.resolve("blank.jsonl"), List.of("", "   ", "\t"));

        Cli.Result result = Cli.run(db, "ingest", blank.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString().contains(blank + " holds no article");
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(1);
    }

    @Test
    void anEmptyStandardInputIsRefused() {
        Path db = dir.resolve("forensics.db");

        Cli.Result result = Cli.runWithInput(db, "", "ingest", "-");

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString().contains("stdin holds no article");
        assertThat(db).doesNotExist();
    }

    @ParameterizedTest(name = "the database file exists with 0 bytes: {0}")
    @ValueSource(booleans = {false, true})
    void withAllowEmptyAnEmptyInputIsAnIngestOfNothingThatMigratesANewOrZeroByteFile(boolean zeroByteFile)
            throws Exception {
        // A 0-byte file (touch, mktemp) failed the final checkpoint with exit 3 before the ingest of nothing migrated
        // it.
        Path db = dir.resolve("forensics.db");
        if (zeroByteFile) {
            Files.createFile(db);
        }
        Path input = Files.createFile(dir.resolve("empty.jsonl"));

        Cli.Result result = Cli.run(db, "ingest", "--allow-empty", input.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("read 0, inserted 0, updated 0, skipped 0, invalid 0");
        assertThat(DatabaseProbe.count(db, "articles")).isZero();
    }

    @Test
    void anEmptyFileBesideOneWithArticlesIsNotRefused() throws Exception {
        Path db = dir.resolve("forensics.db");
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        Path one = Articles.lines(dir.resolve("one.jsonl"), List.of(Articles.line("https://a.example/1", "Ann")));

        Cli.Result result = Cli.run(db, "ingest", empty.toString(), one.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("read 1, inserted 1");
    }

    @Test
    void theRefusalTellsTheOperatorTheFlagNotTheLibraryOption() throws Exception {
        Path input = Files.createFile(dir.resolve("empty.jsonl"));

        Cli.Result result = Cli.run(dir.resolve("forensics.db"), "ingest", input.toString());

        assertThat(result.errLines())
                .singleElement()
                .asString()
                .endsWith("nothing was written: check the input, or rerun with --allow-empty where an empty input is"
                        + " expected")
                .doesNotContain("IngestOptions");
    }
}
