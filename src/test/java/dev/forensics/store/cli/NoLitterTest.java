package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI leaves nothing beside a database but the database (issue 17: an empty *.migrate-lock was left everywhere). */
class NoLitterTest {
    @TempDir
    Path dir;

    @Test
    void migratingANewFileLeavesOnlyTheDatabase() throws IOException {
        Cli.Result result = Cli.run(dir.resolve("forensics.db"), "migrate");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(files()).containsExactly("forensics.db");
    }

    @Test
    void ingestingTwiceLeavesOnlyTheDatabaseAndTheInput() throws IOException {
        Path input = Articles.lines(dir.resolve("in.jsonl"), List.of(Articles.line("https://a.example/1", "Ann")));

        Cli.run(dir.resolve("forensics.db"), "ingest", input.toString());
        Cli.Result again = Cli.run(dir.resolve("forensics.db"), "ingest", input.toString());

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(files()).containsExactly("forensics.db", "in.jsonl");
    }

    @Test
    void aTextFileRefusedAsADatabaseGetsNothingBesideIt() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "not a database\n".repeat(100));

        Cli.Result result = Cli.run(notes, "migrate");

        assertThat(result.exitCode()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(files()).containsExactly("notes.txt");
    }

    @Test
    void anotherProgramsDatabaseRefusedGetsNothingBesideIt() throws Exception {
        Path other = ForeignFileCliTest.anotherProgramsDatabase(dir.resolve("other.db"));

        Cli.Result result = Cli.run(other, "migrate");

        assertThat(result.exitCode()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(files()).containsExactly("other.db");
    }

    @Test
    void aStampedDatabaseOfAnotherApplicationRefusedGetsNothingBesideIt() throws SQLException, IOException {
        Path stamped = dir.resolve("stamped.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + stamped);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA application_id = 1234");
            statement.execute("CREATE TABLE x (a)");
        }

        Cli.Result result = Cli.run(stamped, "migrate");

        assertThat(result.exitCode()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(files()).containsExactly("stamped.db");
    }

    private List<String> files() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
