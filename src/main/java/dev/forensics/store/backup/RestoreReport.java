package dev.forensics.store.backup;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a finished restore did.
 *
 * @param source        the backup file whose contents the database now holds
 * @param target        the database that was restored (its display name)
 * @param bytes         the size of the backup file
 * @param schemaVersion the schema version of the database after the restore (older backups are migrated forward)
 * @param took          how long the check and the copy took
 */
public record RestoreReport(Path source, String target, long bytes, int schemaVersion, Duration took) {}
