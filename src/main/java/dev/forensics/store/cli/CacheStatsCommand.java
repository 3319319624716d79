package dev.forensics.store.cli;

import dev.forensics.store.Repository;
import dev.forensics.store.llmcache.CacheStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cache stats [--json]}: every figure of {@link CacheStats} (entries, models, bytes, entries per model, age range,
 * the bound, free pages), as aligned lines or one JSON object.
 */
@Command(
        name = "stats",
        description = {
            "Entries, models, bytes, entries per model, oldest and newest entry, the size bound",
            "the latest bounded writer enforced (0 = none) and the database file's free pages (SQLite; '-' elsewhere)."
        })
final class CacheStatsCommand extends StoreCommand {
    @Option(
            names = "--json",
            description = "Print one JSON object (the same keys as the lines) instead of aligned lines.")
    private boolean json;

    @Override
    public Integer call() {
        CacheStats stats;
        try (Repository repo = new Repository(existingDatabase())) {
            stats = repo.llmCache().stats();
        }
        // Every field of CacheStats, so that a field added to the record shows here and in the JSON by itself.
        Fields.of(stats).print(out(), json);
        return ExitCode.OK;
    }
}
