package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * README's CLI table against picocli's model (issue 17): every command and subcommand the CLI has is in the table, the
 * table names no command the CLI does not have, and every option it shows exists on that command.
 */
class ReadmeCliTableTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");

    private static CommandLine root;
    private static List<String> firstCells;

    @BeforeAll
    static void readTheTableAndTheModel() throws IOException {
        root = Main.commandLine(new Main(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## CLI\n");
        assertThat(start).as("README has a '## CLI' section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        firstCells = new ArrayList<>();
        for (String line :
                readme.substring(start, end < 0 ? readme.length() : end).lines().toList()) {
            if (line.startsWith("| `")) {
                firstCells.add(line.substring(2, line.indexOf(" | ")));
            }
        }
    }

    @Test
    void theTableListsEveryCommandOfTheCliAndNoOther() {
        Set<String> documented = new TreeSet<>();
        for (String cell : firstCells) {
            Matcher code = CODE.matcher(cell);
            while (code.find()) {
                documented.add(String.join(" ", commandPath(code.group(1))));
            }
        }

        assertThat(documented)
                .as("commands in README's CLI table (left) vs the CLI's own (right)")
                .isEqualTo(leafCommands(root, List.of()));
    }

    @Test
    void everyOptionTheTableShowsExistsOnItsCommand() {
        List<String> unknown = new ArrayList<>();
        for (String cell : firstCells) {
            Matcher code = CODE.matcher(cell);
            while (code.find()) {
                CommandLine command = command(commandPath(code.group(1)));
                Matcher option = OPTION.matcher(code.group(1));
                while (option.find()) {
                    if (command.getCommandSpec().findOption(option.group()) == null) {
                        unknown.add(code.group(1) + ": " + option.group());
                    }
                }
            }
        }

        assertThat(unknown)
                .as("options in README's CLI table that the command does not have")
                .isEmpty();
    }

    /** The leading words of a usage such as {@code cache get --url U} that name commands: [cache, get]. */
    private static List<String> commandPath(String usage) {
        List<String> path = new ArrayList<>();
        CommandLine current = root;
        for (String word : usage.split(" ")) {
            CommandLine sub = current.getSubcommands().get(word);
            if (sub == null) {
                break;
            }
            path.add(word);
            current = sub;
        }
        assertThat(path)
                .as("`%s` in README's CLI table starts with a command of the CLI", usage)
                .isNotEmpty();
        return path;
    }

    private static CommandLine command(List<String> path) {
        CommandLine current = root;
        for (String word : path) {
            current = current.getSubcommands().get(word);
        }
        return current;
    }

    /** Commands without subcommands (what a user runs), as space-separated paths. */
    private static Set<String> leafCommands(CommandLine command, List<String> path) {
        Set<String> leaves = new TreeSet<>();
        if (command.getSubcommands().isEmpty() && !path.isEmpty()) {
            leaves.add(String.join(" ", path));
        }
        command.getSubcommands().forEach((name, sub) -> {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            leaves.addAll(leafCommands(sub, subPath));
        });
        return leaves;
    }
}
