package dev.forensics.store.cli;

import dev.forensics.store.testing.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CacheCommandTest {
    private static final String URL = "https://news.example.org/politics/2024/05/budget";

    @TempDir
    Path dir;
    Path db;

    @BeforeEach
    void migrate() {
        db = TestFiles.migrated(dir);
    }

    @Test
    void getPrintsTheJsonThatPutStoredFromStandardInput() {
        String json = "{\"summary\": \"Zoë's budget story\", \"entities\": [\"李明\", \"Łódź\"]}";

        Cli.Result put = Cli.runWithInput(db, json + "\n", "cache", "put", "--url", URL, "--model", "gpt-x/prompt-7");
        Cli.Result get = Cli.run(db, "cache", "get", "--url", URL, "--model", "gpt-x/prompt-7");

        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(get.exitCode()).as(get.err()).isZero();
        assertThat(get.out().strip()).isEqualTo(json);
    }

    @Test
    void putReadsTheJsonFromAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("analysis.json"), "[1, 2, 3]", StandardCharsets.UTF_8);

        Cli.Result put = Cli.run(db, "cache", "put", "--url", URL, "--file", file.toString());

        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(Cli.run(db, "cache", "get", "--url", URL).out().strip()).isEqualTo("[1, 2, 3]");
    }

    @Test
    void aMissExitsWithOneAndSaysWhatWasMissing() {
        Cli.runWithInput(db, "{}", "cache", "put", "--url", URL, "--model", "old-model");

        Cli.Result otherModel = Cli.run(db, "cache", "get", "--url", URL, "--model", "new-model");
        Cli.Result otherUrl = Cli.run(db, "cache", "get", "--url", URL + "/other");

        assertThat(otherModel.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(otherModel.out()).isEmpty();
        assertThat(otherModel.errLines()).containsExactly("error: no cached analysis of " + URL + " by model new-model");
        assertThat(otherUrl.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void putRejectsTextThatIsNotJsonAndCachesNothing() {
        Cli.Result notJson = Cli.runWithInput(db, "the analysis: positive", "cache", "put", "--url", URL);
        Cli.Result trailing = Cli.runWithInput(db, "{} extra", "cache", "put", "--url", URL);
        Cli.Result empty = Cli.runWithInput(db, "  \n", "cache", "put", "--url", URL);

        assertThat(notJson.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(notJson.errLines()).singleElement().asString().startsWith("error: standard input is not JSON");
        assertThat(trailing.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(empty.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(Cli.run(db, "cache", "get", "--url", URL).exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void statsCountsEntriesAndModels() {
        Cli.runWithInput(db, "{}", "cache", "put", "--url", URL + "/1", "--model", "a");
        Cli.runWithInput(db, "{}", "cache", "put", "--url", URL + "/2", "--model", "b");

        Cli.Result stats = Cli.run(db, "cache", "stats");

        assertThat(stats.exitCode()).isZero();
        assertThat(stats.out()).contains("entries  2").contains("models   2");
    }

    @Test
    void pruneRemovesOnlyEntriesOlderThanTheAge() {
        Cli.runWithInput(db, "{}", "cache", "put", "--url", URL);

        Cli.Result keep = Cli.run(db, "cache", "prune", "--older-than", "30d");
        Cli.Result drop = Cli.run(db, "cache", "prune", "--older-than", "0m");

        assertThat(keep.out()).isEqualTo("pruned 0 cache entries older than 30d" + System.lineSeparator());
        assertThat(drop.out()).isEqualTo("pruned 1 cache entry older than 0m" + System.lineSeparator());
        assertThat(Cli.run(db, "cache", "get", "--url", URL).exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void pruneAcceptsDaysHoursAndMinutesAndRejectsOtherUnits() {
        assertThat(Cli.run(db, "cache", "prune", "--older-than", "12h").exitCode()).isZero();
        assertThat(Cli.run(db, "cache", "prune", "--older-than", "45m").exitCode()).isZero();

        Cli.Result weeks = Cli.run(db, "cache", "prune", "--older-than", "2w");

        assertThat(weeks.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(weeks.errLines()).singleElement().asString().contains("'2w' is not an age");
    }
}
