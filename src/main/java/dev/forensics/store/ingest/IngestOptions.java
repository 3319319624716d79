package dev.forensics.store.ingest;

/**
 * How an ingest runs.
 *
 * @param batchSize   records per transaction, 1 to {@value #MAX_BATCH_SIZE} (default 500): a crash leaves only whole
 *                    batches; a batch is held in memory
 * @param skipInvalid report and skip malformed lines instead of refusing the whole input
 * @param update      upsert articles whose URL is already stored instead of skipping them
 */
public record IngestOptions(int batchSize, boolean skipInvalid, boolean update) {
    /** The batch size when none is given. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** The largest batch: the records of a batch are held in memory. */
    public static final int MAX_BATCH_SIZE = 100_000;

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

    /** Batches of 500, malformed input refused, stored URLs skipped. */
    public static IngestOptions defaults() {
        return new IngestOptions(DEFAULT_BATCH_SIZE, false, false);
    }
}
