package dev.forensics.store.cli;

import dev.forensics.store.Repository;
import dev.forensics.store.llmcache.CacheStats;
import picocli.CommandLine.Command;

/** {@code cache stats}: entry count, model count and age range of the cache. */
@Command(name = "stats", description = "Entries, models and the oldest and newest entry of the cache.")
final class CacheStatsCommand extends StoreCommand {

    @Override
    public Integer call() {
        CacheStats stats;
        try (Repository repo = new Repository(existingDatabase())) {
            stats = repo.llmCache().stats();
        }
        out().printf("entries  %d%nmodels   %d%noldest   %s%nnewest   %s%n", stats.entries(), stats.models(),
                stats.oldest() != null ? stats.oldest() : "-", stats.newest() != null ? stats.newest() : "-");
        return ExitCode.OK;
    }
}
