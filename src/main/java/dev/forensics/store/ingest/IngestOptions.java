package dev.forensics.store.ingest;

/**
 * How an ingest runs.
 *
 * @param batchSize   records per transaction (default 500): a crash leaves only whole batches
 * @param skipInvalid report and skip malformed lines instead of refusing the whole input
 * @param update      upsert articles whose URL is already stored instead of skipping them
 */
public record IngestOptions(int batchSize, boolean skipInvalid, boolean update) {
    /** The batch size when none is given. */
    public static final int DEFAULT_BATCH_SIZE = 500;

    /** Rejects a batch size below 1. */
    public IngestOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
    }

    /** Batches of 500, malformed input refused, stored URLs skipped. */
    public static IngestOptions defaults() {
        return new IngestOptions(DEFAULT_BATCH_SIZE, false, false);
    }
}
