package dev.forensics.store.schema;

import java.util.List;

/**
 * What a migrate run did.
 *
 * @param database      the database migrated (a file path or a URL without password)
 * @param fromVersion   the schema version before, or {@code null} for a new database
 * @param toVersion     the schema version after
 * @param applied       the migrations applied by this run, as {@code "V2 create llm cache"}; empty when up to date
 */
public record MigrationReport(String database, String fromVersion, String toVersion, List<String> applied) {
    /** Copies the list so the report stays as it was made. */
    public MigrationReport {
        applied = List.copyOf(applied);
    }
}
