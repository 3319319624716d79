package dev.forensics.store.transfer;

/** Hears how a {@link Copier} copy advances (for a progress bar); called on the copying thread. Every method does nothing by default. */
public interface CopyListener {
    /** A listener that hears nothing. */
    CopyListener NONE = new CopyListener() {};

    /** Copying {@code table} starts; the source holds {@code sourceRows} rows. */
    default void tableStarted(String table, long sourceRows) {}

    /** A batch of {@code table} is committed on the target; {@code done} of {@code sourceRows} rows are there. */
    default void batchCopied(String table, long done, long sourceRows) {}

    /** Every table is copied; the per-table verification (counts and checksums of both sides) starts. */
    default void verifying() {}
}
