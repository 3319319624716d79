package dev.forensics.store.backup;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a finished backup wrote.
 *
 * @param source        the database that was backed up (its display name)
 * @param target        the backup file, complete and checked
 * @param bytes         its size
 * @param schemaVersion the schema version recorded in it
 * @param took          how long the whole backup took (copy, sync, check, rename)
 */
public record BackupReport(String source, Path target, long bytes, int schemaVersion, Duration took) {}
