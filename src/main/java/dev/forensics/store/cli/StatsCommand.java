package dev.forensics.store.cli;

import dev.forensics.store.Database;
import dev.forensics.store.Repository;
import dev.forensics.store.schema.SchemaVersion;
import dev.forensics.store.sqlite.CheckpointMode;
import dev.forensics.store.sqlite.CheckpointResult;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.sqlite.SqliteMaintenance;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stats [--json]}: row counts, schema version, journal mode, file and WAL size, and on SQLite the WAL settings
 * and what a PASSIVE checkpoint (which never waits and changes no stored data) could do right now.
 */
@Command(
        name = "stats",
        description = {
            "Counts of authors, articles and cache entries; schema version, journal mode, file and WAL size.",
            "On SQLite also the WAL limits and a PASSIVE checkpoint's figures (frames in the WAL, frames copied, busy)."
        })
final class StatsCommand extends StoreCommand {
    @Option(names = "--json", description = "Print one JSON object instead of aligned lines.")
    private boolean json;

    @Override
    public Integer call() {
        Database database = existingDatabase();
        Fields stats = new Fields();
        stats.put("database", database.displayName());
        try (Repository repo = new Repository(database)) {
            stats.put("authors", repo.authors().count());
            stats.put("articles", repo.articles().count());
            stats.put("llm_cache", repo.llmCache().stats().entries());
            // Opening verified that the applied version is the one this build needs.
            stats.put("schema_version", SchemaVersion.LATEST);
            Optional<SqliteMaintenance> maintenance = database.capability(SqliteMaintenance.class);
            if (maintenance.isPresent()) {
                SqliteMaintenance sqlite = maintenance.get();
                stats.put("journal_mode", sqlite.journalMode());
                stats.put("file_bytes", sqlite.fileBytes());
                stats.put("wal_bytes", sqlite.walBytes());
                stats.put("wal_autocheckpoint_pages", SqliteDatabase.WAL_AUTOCHECKPOINT_PAGES);
                stats.put("journal_size_limit_bytes", SqliteDatabase.JOURNAL_SIZE_LIMIT_BYTES);
                CheckpointResult checkpoint = sqlite.checkpoint(CheckpointMode.PASSIVE);
                stats.put("checkpoint_wal_frames", checkpoint.logFrames());
                stats.put("checkpoint_copied_frames", checkpoint.checkpointedFrames());
                stats.put("checkpoint_busy", checkpoint.busy());
                stats.put("wal_bytes_after_checkpoint", sqlite.walBytes());
            } else {
                stats.put("journal_mode", null);
            }
        }
        stats.print(out(), json);
        return ExitCode.OK;
    }
}
