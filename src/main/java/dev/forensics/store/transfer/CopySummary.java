package dev.forensics.store.transfer;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link Copier} copy did, table by table, with the verification of each.
 *
 * @param source the source's display name
 * @param target the target's display name
 * @param tables one entry per copied table, in copy order
 * @param took   how long the copy and the verification took
 */
public record CopySummary(String source, String target, List<TableCopy> tables, Duration took) {
    /** Keeps an unmodifiable copy of the tables. */
    public CopySummary {
        tables = List.copyOf(tables);
    }

    /** Whether every table of the target matches the source (counts and checksums). */
    public boolean verified() {
        return tables.stream().allMatch(TableCopy::matches);
    }

    /** Rows copied into the target (inserted or overwritten), over all tables. */
    public long rowsWritten() {
        return tables.stream().mapToLong(t -> t.inserted() + t.overwritten()).sum();
    }
}
