package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forensics.store.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(otherModel.errLines())
                .containsExactly("error: no cached analysis of " + URL + " by model new-model");
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
    void statsCountsEntriesBytesAndEntriesPerModel() {
        Cli.runWithInput(db, "{}", "cache", "put", "--url", URL + "/1", "--model", "a");
        Cli.runWithInput(db, "{}", "cache", "put", "--url", URL + "/2", "--model", "b");
        Cli.runWithInput(db, "{}", "cache", "put", "--url", URL + "/2", "--model", "a");

        Cli.Result stats = Cli.run(db, "cache", "stats");

        assertThat(stats.exitCode()).isZero();
        Map<String, String> lines = stats.out()
                .lines()
                .map(line -> line.split("\\s+", 2))
                .collect(Collectors.toMap(parts -> parts[0], parts -> parts[1]));
        assertThat(lines)
                .containsEntry("entries", "3")
                .containsEntry("bytes", "6")
                .containsEntry("models", "2")
                .containsEntry("max_entries", "0")
                .containsEntry("entries_by_model", "{a=2, b=1}");
        assertThat(lines.get("free_pages")).matches("\\d+");
    }

    @Test
    void statsJsonIsOneObjectWithTheCountsPerModelAndTheFreePages() throws Exception {
        Cli.runWithInput(db, "{}", "cache", "put", "--url", URL + "/1", "--model", "a");
        Cli.runWithInput(db, "{}", "cache", "put", "--url", URL + "/1", "--model", "b");

        Cli.Result stats = Cli.run(db, "cache", "stats", "--json");

        JsonNode json = new ObjectMapper().readTree(stats.out());
        assertThat(json.get("entries").asLong()).isEqualTo(2);
        assertThat(json.get("bytes").asLong()).isEqualTo(4);
        assertThat(json.get("entries_by_model").get("a").asLong()).isEqualTo(1);
        assertThat(json.get("entries_by_model").get("b").asLong()).isEqualTo(1);
        assertThat(json.get("max_entries").asLong()).isZero();
        assertThat(json.get("free_pages").isNumber()).isTrue();
    }

    @Test
    void deleteRemovesEveryModelsEntryOfTheUrlOrOnlyTheGivenModels() {
        Cli.runWithInput(db, "{}", "cache", "put", "--url", URL, "--model", "a");
        Cli.runWithInput(db, "{}", "cache", "put", "--url", URL, "--model", "b");
        Cli.runWithInput(db, "{}", "cache", "put", "--url", URL, "--model", "c");

        Cli.Result one = Cli.run(db, "cache", "delete", "--url", URL, "--model", "a");
        Cli.Result rest = Cli.run(db, "cache", "delete", "--url", URL);
        Cli.Result none = Cli.run(db, "cache", "delete", "--url", URL);

        assertThat(one.out()).isEqualTo("deleted 1 cached analysis of " + URL + " by model a" + System.lineSeparator());
        assertThat(rest.out()).isEqualTo("deleted 2 cached analyses of " + URL + System.lineSeparator());
        assertThat(none.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(none.errLines()).containsExactly("error: no cached analysis of " + URL + " to delete");
    }

    @Test
    void pruneWithMaxEntriesEvictsTheLeastRecentlyCached() {
        for (int i = 1; i <= 5; i++) {
            Cli.runWithInput(db, "{}", "cache", "put", "--url", URL + "/" + i);
        }

        Cli.Result prune = Cli.run(db, "cache", "prune", "--max-entries", "2");

        assertThat(prune.out())
                .isEqualTo("evicted 3 cache entries least recently used to stay within 2 entries"
                        + System.lineSeparator());
        assertThat(Cli.run(db, "cache", "get", "--url", URL + "/3").exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(Cli.run(db, "cache", "get", "--url", URL + "/4").exitCode()).isZero();
        assertThat(Cli.run(db, "cache", "get", "--url", URL + "/5").exitCode()).isZero();
    }

    @Test
    void pruneWithMaxMbEvictsUntilTheJsonFits() {
        String half = "{\"pad\":\"" + "x".repeat(600_000) + "\"}";
        Cli.runWithInput(db, half, "cache", "put", "--url", URL + "/1");
        Cli.runWithInput(db, half, "cache", "put", "--url", URL + "/2");

        Cli.Result prune = Cli.run(db, "cache", "prune", "--max-mb", "1");

        assertThat(prune.out()).startsWith("evicted 1 cache entry");
        assertThat(Cli.run(db, "cache", "get", "--url", URL + "/1").exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(Cli.run(db, "cache", "get", "--url", URL + "/2").exitCode()).isZero();
    }

    @Test
    void pruneWithoutAnyBoundIsBadUsage() {
        Cli.Result prune = Cli.run(db, "cache", "prune");

        assertThat(prune.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(prune.errLines()).anyMatch(line -> line.contains("give --older-than, --max-entries or --max-mb"));
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
        assertThat(Cli.run(db, "cache", "prune", "--older-than", "12h").exitCode())
                .isZero();
        assertThat(Cli.run(db, "cache", "prune", "--older-than", "45m").exitCode())
                .isZero();

        Cli.Result weeks = Cli.run(db, "cache", "prune", "--older-than", "2w");

        assertThat(weeks.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(weeks.errLines()).singleElement().asString().contains("'2w' is not an age");
    }
}
