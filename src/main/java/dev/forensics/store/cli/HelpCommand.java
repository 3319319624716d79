package dev.forensics.store.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code help [COMMAND...]}: the help page of any command or subcommand ({@code help cache put} shows {@code cache put}'s
 * own page, unlike picocli's built-in help command, which looks one level down only). Same page and exit 0 as
 * {@code COMMAND... --help}.
 */
@Command(
        name = "help",
        helpCommand = true,
        description = "Show the help of a command, e.g. `help ingest` or `help cache put`.")
final class HelpCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "COMMAND",
            arity = "0..*",
            description = "The command (and subcommand) whose help to show; none: the overview.")
    private List<String> path = new ArrayList<>();

    @Override
    public void run() {
        // A help command's parse is lenient (picocli keeps unknown options aside): refuse them as every other command
        // does.
        List<String> unmatched = spec.commandLine().getUnmatchedArguments();
        if (!unmatched.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Unknown option: '" + unmatched.get(0) + "'");
        }
        CommandLine target = spec.parent().commandLine();
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw new CommandLine.ParameterException(
                        target,
                        "unknown command '" + name + "' after `"
                                + target.getCommandSpec().qualifiedName() + "`: one of "
                                + String.join(", ", target.getSubcommands().keySet()));
            }
            target = next;
        }
        target.usage(spec.commandLine().getOut());
    }
}
