package dev.forensics.store.transfer;

/**
 * How a {@link Copier} copies.
 *
 * @param batchSize rows read, compared and written per target transaction (memory holds one batch); 1 to 10,000
 * @param overwrite whether a target row that differs from the source row with the same key is overwritten; when
 *                  false such a row stops the copy with a {@link CopyConflictException}
 */
public record CopyOptions(int batchSize, boolean overwrite) {
    /** Rows per batch when not told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    /** The most rows per batch: keeps the key lookup under every database's bind-parameter limit. */
    public static final int MAX_BATCH_SIZE = 10_000;

    /** Checks the batch size. */
    public CopyOptions {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "batchSize must be between 1 and " + MAX_BATCH_SIZE + ", was " + batchSize);
        }
    }

    /** {@value #DEFAULT_BATCH_SIZE} rows per batch, differing rows refused. */
    public static CopyOptions defaults() {
        return new CopyOptions(DEFAULT_BATCH_SIZE, false);
    }
}
