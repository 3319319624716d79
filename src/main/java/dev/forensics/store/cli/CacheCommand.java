package dev.forensics.store.cli;

import picocli.CommandLine.Command;

/** {@code cache get|put|delete|stats|prune}: the LLM-analysis cache. */
@Command(
        name = "cache",
        description = "Read and maintain the LLM-analysis cache.",
        subcommands = {
            CacheGetCommand.class,
            CachePutCommand.class,
            CacheDeleteCommand.class,
            CacheStatsCommand.class,
            CachePruneCommand.class
        })
final class CacheCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Without a subcommand: bad usage. */
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "a cache command is required: get, put, delete, stats or prune");
    }
}
