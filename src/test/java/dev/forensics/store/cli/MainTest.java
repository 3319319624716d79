package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.schema.SchemaVersion;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void migratePrintsWhatWasAppliedAndTheResultingVersion() {
        Path db = dir.resolve("new.db");

        Cli.Result first = Cli.run(db, "migrate");
        Cli.Result again = Cli.run(db, "migrate");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("applied V1 create authors articles")
                .contains("applied V2 create llm cache")
                .contains(db.toAbsolutePath() + " is at schema version " + SchemaVersion.LATEST);
        assertThat(again.out())
                .isEqualTo(db.toAbsolutePath() + " is up to date at schema version " + SchemaVersion.LATEST
                        + System.lineSeparator());
        assertThat(first.err()).isEmpty();
    }

    @Test
    void infoListsEachMigrationWithItsStateAndValidatePasses() {
        Path db = TestFiles.migrated(dir);

        Cli.Result info = Cli.run(db, "info");
        Cli.Result validate = Cli.run(db, "validate");

        assertThat(info.out())
                .contains("create authors articles")
                .contains("create llm cache")
                .contains("Success");
        assertThat(validate.exitCode()).isZero();
        assertThat(validate.out()).contains("match this build");
    }

    @Test
    void theDbOptionMayComeBeforeOrAfterTheCommand() {
        Path db = TestFiles.migrated(dir);

        Cli.Result before = Cli.runRaw("", "--db", db.toString(), "stats", "--json");
        Cli.Result after = Cli.runRaw("", "stats", "--json", "--db", db.toString());

        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(after.out()).isEqualTo(before.out());
    }

    @Test
    void aDatabaseErrorIsOneLineWithoutAStackTrace() throws Exception {
        Path notADatabase = Files.writeString(dir.resolve("notes.db"), "not a database\n".repeat(100));

        Cli.Result result = Cli.run(notADatabase, "stats");

        assertThat(result.exitCode()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("error: ")
                .contains(notADatabase.toAbsolutePath().toString())
                .contains("restore it from a backup");
    }

    @Test
    void verboseAddsTheStackTraceAfterTheOneLine() throws Exception {
        Path notADatabase = Files.writeString(dir.resolve("notes.db"), "not a database\n".repeat(100));

        Cli.Result result = Cli.run(notADatabase, "stats", "--verbose");

        assertThat(result.errLines().get(0)).startsWith("error: ");
        assertThat(result.err()).contains("CorruptDatabaseException").contains("\tat ");
    }

    @Test
    void badUsageIsOneLineAndExitTwo() {
        Cli.Result unknownOption = Cli.runRaw("", "stats", "--jsno");
        Cli.Result noCommand = Cli.runRaw("");
        Cli.Result missingValue = Cli.runRaw("", "cache", "get");

        assertThat(unknownOption.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(unknownOption.errLines()).singleElement().asString().startsWith("error: Unknown option: '--jsno'");
        assertThat(noCommand.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noCommand.errLines()).singleElement().asString().startsWith("error: a command is required");
        assertThat(missingValue.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(missingValue.errLines()).singleElement().asString().contains("--url");
    }

    @Test
    void aDbPathInAMissingDirectoryIsBadInput() {
        Cli.Result result = Cli.run(dir.resolve("no-such-dir").resolve("forensics.db"), "migrate");

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .contains("does not exist")
                .contains("fix --db");
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli.Result help = Cli.runRaw("", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .contains(
                        "migrate",
                        "info",
                        "validate",
                        "ingest",
                        "cache",
                        "stats",
                        "check",
                        "backup",
                        "FORENSICS_DB",
                        "Exit codes");
    }
}
