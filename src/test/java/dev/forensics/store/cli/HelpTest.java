package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Help everywhere (issue 17): every command of picocli's model answers -h and --help, and errors point at a help that works. */
class HelpTest {
    private static final Pattern SEE_HELP = Pattern.compile("\\(see `forensics-store ([^`]*)`\\)$");

    /** Every command and subcommand of the CLI as the words that name it ({@code [cache, put]}); the root is {@code []}. */
    static Stream<List<String>> commands() {
        List<List<String>> paths = new ArrayList<>();
        collect(
                Main.commandLine(new Main(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                List.of(),
                paths);
        return paths.stream();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            collect(sub, subPath, paths);
        });
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandAnswersDashDashHelpWithItsOwnPageAndExitZero(List<String> command) {
        Cli.Result result = Cli.runRaw("", words(command, "--help"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .startsWith("Usage: "
                        + String.join(" ", words(List.of("forensics-store"), command.toArray(String[]::new))) + " ");
        assertThat(result.err()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandAnswersDashHWithTheSamePage(List<String> command) {
        Cli.Result result = Cli.runRaw("", words(command, "-h"));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .isEqualTo(Cli.runRaw("", words(command, "--help")).out());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpFollowedByACommandPrintsThatCommandsOwnPage(List<String> command) {
        Cli.Result result = Cli.runRaw("", words(List.of("help"), command.toArray(String[]::new)));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .isEqualTo(Cli.runRaw("", words(command, "--help")).out());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aUsageErrorPointsAtAHelpCommandThatWorks(List<String> command) {
        Cli.Result error = Cli.runRaw("", words(command, "--no-such-option"));

        assertThat(error.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        Matcher pointer = SEE_HELP.matcher(error.err().strip());
        assertThat(pointer.find()).as(error.err()).isTrue();
        Cli.Result help = Cli.runRaw("", pointer.group(1).split(" "));
        assertThat(help.exitCode()).as(pointer.group(1) + ": " + help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: forensics-store");
    }

    @Test
    void helpOfASubcommandShowsItsRequiredOptionsInsteadOfComplainingThatTheyAreMissing() {
        Cli.Result result = Cli.runRaw("", "cache", "put", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("--url=URL").contains("--file=F").contains("--model=M");
    }

    @Test
    void helpOfAnUnknownCommandNamesTheCommandsThereAre() {
        Cli.Result result = Cli.runRaw("", "help", "cache", "putt");

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .contains("unknown command 'putt'")
                .contains("get, put, delete, stats, prune")
                .endsWith("(see `forensics-store cache --help`)");
    }

    @Test
    void theDbOptionShowsItsDefaultPathUnbroken() {
        Cli.Result result = Cli.runRaw("", "stats", "--help");

        assertThat(result.out()).contains("Default: $FORENSICS_DB, else ./forensics.db");
    }

    @Test
    void theLauncherScriptPassesTheNameItWasRunAs() {
        Properties system = new Properties();
        system.setProperty(CommandName.PROPERTY, "bin/forensics-store");
        system.setProperty("sun.java.command", "target/forensics-store.jar stats");

        assertThat(CommandName.asTyped(system)).isEqualTo("bin/forensics-store");
    }

    @Test
    void javaDashJarIsNamedWithTheJarPathAsTyped() {
        Properties system = new Properties();
        system.setProperty("sun.java.command", "target/forensics-store.jar stats --db x.db");
        Properties alone = new Properties();
        alone.setProperty("sun.java.command", "/opt/my tools/forensics-store.jar");

        assertThat(CommandName.asTyped(system)).isEqualTo("java -jar target/forensics-store.jar");
        assertThat(CommandName.asTyped(alone)).isEqualTo("java -jar '/opt/my tools/forensics-store.jar'");
    }

    @Test
    void aMainClassRunIsNamedAfterTheLauncher() {
        Properties system = new Properties();
        system.setProperty("sun.java.command", "dev.forensics.store.cli.Main stats");

        assertThat(CommandName.asTyped(system)).isEqualTo("forensics-store");
    }

    @Test
    void aSuggestedCommandInAnErrorUsesTheNameTyped(@org.junit.jupiter.api.io.TempDir Path dir) {
        Cli.Result result = Cli.runAs(
                "java -jar target/forensics-store.jar",
                "",
                "stats",
                "--db",
                dir.resolve("missing.db").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(result.err())
                .contains("`java -jar target/forensics-store.jar migrate --db ")
                .doesNotContain("`forensics-store ");
    }

    @Test
    void aUsageErrorPointsAtTheHelpWithTheNameTyped() {
        Cli.Result result = Cli.runAs("java -jar target/forensics-store.jar", "", "cache", "get");

        assertThat(result.err())
                .endsWith("(see `java -jar target/forensics-store.jar cache get --help`)" + System.lineSeparator());
    }

    private static String[] words(List<String> command, String... more) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
