package dev.forensics.store.cli;

import dev.forensics.store.Remedy;
import dev.forensics.store.errors.MigrationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorReporterTest {
    @TempDir
    Path dir;

    @Test
    void theMigrateRemedyBecomesTheMigrateCommandWithTheDbAsGiven() throws Exception {
        Path db = Files.createFile(dir.resolve("empty.db"));

        Cli.Result result = Cli.run(db, "stats");

        assertThat(result.exitCode()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(result.errLines()).singleElement().asString()
                .endsWith(": run `forensics-store migrate --db " + db + "`")
                .doesNotContain("Repository.migrate");
    }

    @Test
    void theValidateRemedyBecomesTheValidateCommand() {
        CommandLine commandLine = Main.commandLine(new Main(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        commandLine.parseArgs("--db", "shop.db", "info");
        var error = new MigrationFailedException("migrating shop.db failed: checksum mismatch", Remedy.VALIDATE_MIGRATIONS, null);

        assertThat(ErrorReporter.message(error, commandLine)).isEqualTo(
                "migrating shop.db failed: checksum mismatch: run `forensics-store validate --db shop.db` to see which migration differs");
    }
}
