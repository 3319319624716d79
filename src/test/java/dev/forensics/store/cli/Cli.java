package dev.forensics.store.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs CLI commands in-process through picocli with captured output, as {@code java -jar} would run them. */
final class Cli {
    private Cli() {}

    /**
     * What one command did.
     *
     * @param exitCode the exit code
     * @param out      everything printed on standard output
     * @param err      everything printed on standard error
     */
    record Result(int exitCode, String out, String err) {
        /** Standard error as lines. */
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    /** Runs {@code args} against the database {@code db} with empty standard input. */
    static Result run(Path db, String... args) {
        return runWithInput(db, "", args);
    }

    /** Runs {@code args} against {@code db} with {@code stdin} as standard input. */
    static Result runWithInput(Path db, String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db");
        all.add(db.toString());
        return runRaw(stdin, all.toArray(String[]::new));
    }

    /** Runs exactly {@code args}, without adding {@code --db}. */
    static Result runRaw(String stdin, String... args) {
        return runAs(CommandName.LAUNCHER, stdin, args);
    }

    /** Runs exactly {@code args} as if the user had typed {@code commandName} to start the CLI. */
    static Result runAs(String commandName, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main main = new Main(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int exitCode = Main.commandLine(main, new PrintWriter(out, true), new PrintWriter(err, true))
                .setCommandName(commandName)
                .execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
