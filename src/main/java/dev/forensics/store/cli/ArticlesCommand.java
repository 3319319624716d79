package dev.forensics.store.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code articles list|show}: a look at the stored articles. */
@Command(
        name = "articles",
        description = "Look at the stored articles.",
        subcommands = {ArticlesListCommand.class, ArticlesShowCommand.class})
final class ArticlesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: bad usage. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "an articles command is required: list or show");
    }
}
