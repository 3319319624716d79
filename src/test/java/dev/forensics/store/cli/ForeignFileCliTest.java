package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Another program's SQLite file (its own tables, no Flyway history, application_id 0) gets one clear message from every
 * command, and is left byte for byte as it was (issue 17: migrate suggested Flyway's baseline(), validate an option
 * this CLI does not have, stats to migrate, and stats switched the file to WAL).
 */
class ForeignFileCliTest {
    private static final String SAYS = "holds other tables (notes) and no forensics-store history";

    @TempDir
    Path dir;

    /** A SQLite file made as another program would: a table of its own, no application_id, rollback journal. */
    static Path anotherProgramsDatabase(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
            statement.execute("INSERT INTO notes (text) VALUES ('keep me')");
        }
        return file;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"migrate", "validate", "info", "stats", "cache stats", "cache get --url https://a.example/1"})
    void everyCommandSaysTheFileIsAnotherProgramsAndToPointDbAtANewFile(String command) throws Exception {
        Path other = anotherProgramsDatabase(dir.resolve("other.db"));
        byte[] before = Files.readAllBytes(other);

        Cli.Result result = Cli.run(other, command.split(" "));

        assertThat(result.exitCode()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("error: " + other.toAbsolutePath() + " " + SAYS)
                .contains("point --db at a new file")
                .doesNotContain("baseline")
                .doesNotContain("ignoreMigrationPatterns")
                .doesNotContain("migrate --db");
        assertThat(Files.readAllBytes(other)).as("the file is untouched").isEqualTo(before);
    }

    @Test
    void checkListsItAsItsOneProblem() throws Exception {
        Path other = anotherProgramsDatabase(dir.resolve("other.db"));

        Cli.Result result = Cli.run(other, "check");

        assertThat(result.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
        assertThat(result.out()).contains("open").contains(SAYS);
    }

    @Test
    void ingestRefusesBeforeWritingAnything() throws Exception {
        Path other = anotherProgramsDatabase(dir.resolve("other.db"));
        byte[] before = Files.readAllBytes(other);
        Path input = Articles.lines(dir.resolve("in.jsonl"), List.of(Articles.line("https://a.example/1", "Ann")));

        Cli.Result result = Cli.run(other, "ingest", input.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(result.err()).contains(SAYS);
        assertThat(Files.readAllBytes(other)).isEqualTo(before);
    }
}
