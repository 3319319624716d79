package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Remedy;
import dev.forensics.store.errors.MigrationFailedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Every failure leaves the CLI as one line and an exit code, an {@link Error} too; remedies become commands; text is made safe for a terminal. */
class ErrorReporterTest {
    @TempDir
    Path dir;

    @Test
    void theMigrateRemedyBecomesTheMigrateCommandWithTheDbAsGiven() throws Exception {
        Path db = Files.createFile(dir.resolve("empty.db"));

        Cli.Result result = Cli.run(db, "stats");

        assertThat(result.exitCode()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .endsWith(": run `forensics-store migrate --db " + db + "`")
                .doesNotContain("Repository.migrate");
    }

    @Test
    void theValidateRemedyBecomesTheValidateCommand() {
        CommandLine commandLine =
                Main.commandLine(new Main(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        commandLine.parseArgs("--db", "shop.db", "info");
        var error = new MigrationFailedException(
                "migrating shop.db failed: checksum mismatch", Remedy.VALIDATE_MIGRATIONS, null);

        assertThat(ErrorReporter.message(error, commandLine))
                .isEqualTo(
                        "migrating shop.db failed: checksum mismatch: run `forensics-store validate --db shop.db` to see which migration differs");
    }

    @Test
    void anErrorThrownByACommandIsOneLineAndExitFourNotAStackTrace() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(
                        new Main(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .addSubcommand("explode", new Exploding(new OutOfMemoryError("Java heap space")));

        int exitCode = cli.execute("explode");

        assertThat(exitCode).isEqualTo(ExitCode.UNEXPECTED);
        assertThat(err.toString().lines())
                .containsExactly(
                        "error: unexpected java.lang.OutOfMemoryError: Java heap space (run again with --verbose for the stack trace)");
    }

    @Test
    void withVerboseTheErrorsStackTraceFollowsItsOneLine() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(
                        new Main(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                .addSubcommand("explode", new Exploding(new StackOverflowError()));

        int exitCode = cli.execute("explode", "--verbose");

        assertThat(exitCode).isEqualTo(ExitCode.UNEXPECTED);
        assertThat(err.toString().lines().toList().get(0)).isEqualTo("error: unexpected java.lang.StackOverflowError");
        assertThat(err.toString())
                .contains("java.lang.StackOverflowError" + System.lineSeparator()
                        + "\tat dev.forensics.store.cli.ErrorReporterTest.");
    }

    @Test
    void printableEscapesTerminalControlsFoldsLineBreaksAndHidesPasswords() {
        String shown = ErrorReporter.printable(
                "a\u001b[2J b\r\nc\u0085d\u202ee\u0000f\ud800 jdbc:postgresql://h/db?password=hunter2 ok\ud83d\ude00");

        assertThat(shown)
                .isEqualTo(
                        "a\\u001b[2J b c d\\u202ee\\u0000f\\ud800 jdbc:postgresql://h/db?password=*** ok\ud83d\ude00");
    }

    /** A command whose {@code call} throws the given error. */
    @Command(name = "explode")
    static final class Exploding implements Callable<Integer> {
        private final Error error;

        Exploding(Error error) {
            this.error = error;
        }

        @Override
        public Integer call() {
            throw error;
        }
    }
}
