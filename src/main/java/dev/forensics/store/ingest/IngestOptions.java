package dev.forensics.store.ingest;

/**
 * How an ingest runs.
 *
 * @param batchSize   records per transaction, 1 to {@value #MAX_BATCH_SIZE} (default 500): a crash leaves only whole
 *                    batches; memory is bounded by a chunk of records, not by the batch
 * @param skipInvalid report and skip malformed lines instead of refusing the whole input
 * @param update      upsert articles whose URL is already stored instead of skipping them
 * @param allowEmpty  accept an input without a single non-blank line as an ingest of nothing; when off, such an input
 *                    is refused ({@link dev.forensics.store.errors.InvalidInputException} with
 *                    {@link dev.forensics.store.Remedy#ALLOW_EMPTY_INPUT}) before anything is
 *                    written, so that an upstream step that produced nothing does not pass as a successful run (the
 *                    CLI's default; {@code --allow-empty} turns it on)
 */
public record IngestOptions(int batchSize, boolean skipInvalid, boolean update, boolean allowEmpty) {
    /** The batch size when none is given. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /**
     * The largest batch. Memory is bounded by a chunk of {@code Ingester.CHUNK} records, not by the batch (ADR-017), so
     * one transaction may hold a whole file; the bound only refuses what no file holds.
     */
    public static final int MAX_BATCH_SIZE = 1_000_000_000;

    /**
     * Rejects a batch size outside 1 to {@value #MAX_BATCH_SIZE}.
     *
     * @throws IllegalArgumentException naming the bounds and the value
     */
    public IngestOptions {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "batchSize must be between 1 and " + MAX_BATCH_SIZE + ", was " + batchSize);
        }
    }

    /**
     * Options that accept an empty input ({@code allowEmpty}), as this library did before that option existed: the
     * caller sees {@link IngestSummary#read()} of 0.
     *
     * @throws IllegalArgumentException when {@code batchSize} is out of bounds
     */
    public IngestOptions(int batchSize, boolean skipInvalid, boolean update) {
        this(batchSize, skipInvalid, update, true);
    }

    /** Batches of 500, malformed input refused, stored URLs skipped, an empty input accepted. */
    public static IngestOptions defaults() {
        return new IngestOptions(DEFAULT_BATCH_SIZE, false, false, true);
    }
}
