package dev.forensics.store.ingest;

/**
 * What an {@link Ingester} reports while it runs (the CLI turns it into warnings and a progress bar); every method is
 * optional. {@link #validating} and {@link #skipped} are called on the thread that validates the input, which is not
 * the caller's (ADR-019), the others on the caller's; never two at once, and each call happens before the next. An
 * exception thrown by a method ends the ingest.
 */
public interface IngestListener {
    /** Does nothing. */
    IngestListener NONE = new IngestListener() {};

    /**
     * The validation (before anything is committed) has read {@code lines} lines so far; called for each line. Records
     * may be written meanwhile, uncommitted (ADR-019, ADR-021).
     */
    default void validating(long lines) {}

    /** A malformed line that {@code skipInvalid} skips; called during validation, before anything is written. */
    default void skipped(InvalidLine line) {}

    /** Validation passed; {@code total} valid records are about to be written in batches. */
    default void writing(long total) {}

    /**
     * A batch's transaction is about to begin, or, for a batch written while the input was validated (ADR-021), about
     * to commit; {@code done} of {@code total} valid records are handled so far. A listener may block here (the CLI
     * does, once SIGTERM came, so that no batch commits after it reported what was committed).
     */
    default void committing(long done, long total) {}

    /** A batch was committed; {@code done} of {@code total} valid records are handled. */
    default void committed(long done, long total) {}
}
