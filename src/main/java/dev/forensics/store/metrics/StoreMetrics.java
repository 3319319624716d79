package dev.forensics.store.metrics;

import java.nio.file.Path;

/**
 * Where a Repository reports what it does, for operators of a long-lived process. {@link #NONE} (the default) records
 * nothing; {@link MicrometerStoreMetrics#of} records into a Micrometer registry. This interface names no Micrometer
 * type, so the library loads and runs without Micrometer on the classpath. Implementations must be thread-safe.
 */
public interface StoreMetrics {

    /** Records nothing; every method is an empty body the JIT removes. */
    StoreMetrics NONE = new StoreMetrics() {};

    /**
     * A connection opened a database that keeps a write-ahead log of ours in the file {@code walFile} (SQLite's
     * {@code -wal}); {@code database} names it in meters (the file name). Called on every open: implementations
     * register once per name.
     */
    default void writeAheadLogOpened(String database, Path walFile) {}

    /**
     * A top-level transaction ended.
     *
     * @param outcome       how it ended
     * @param totalNanos    from before {@code BEGIN} to the end of {@code COMMIT}/{@code ROLLBACK}
     * @param lockWaitNanos time spent in {@code BEGIN} (waiting for the write lock)
     */
    default void transactionEnded(TransactionOutcome outcome, long totalNanos, long lockWaitNanos) {}

    /** The write lock could not be had ({@code DatabaseBusyException}); {@code retried} when the lambda runs again. */
    default void busy(boolean retried) {}

    /**
     * {@code rows} rows were written by a statement of the DAO named {@code dao} ({@code articles}, {@code authors},
     * {@code llm_cache}); counted when the statement ran, so rows of a transaction later rolled back are included.
     */
    default void rowsWritten(String dao, long rows) {}

    /** An LLM cache lookup found an entry ({@code hit}) or not. */
    default void cacheLookup(boolean hit) {}

    /** {@code getOrCompute} ran its computation (this caller held the lease). */
    default void cacheComputed() {}

    /** {@code getOrCompute} found another caller's lease and waited for its result. */
    default void cacheLeaseWaited() {}

    /** {@code getOrCompute} took over an expired lease (its holder died or was too slow). */
    default void cacheTakenOver() {}

    /** A computation ended after its lease was taken over; its result was not stored (fencing). */
    default void cacheFenced() {}

    /** {@code entries} least recently used entries were evicted to keep the cache within its bound. */
    default void cacheEvicted(long entries) {}

    /**
     * A write-ahead-log checkpoint ran.
     *
     * @param mode         the vendor's name for how hard it tried ({@code PASSIVE}, {@code TRUNCATE}, ...)
     * @param complete     whether every logged change is now in the database file
     * @param framesCopied log frames copied by this checkpoint
     */
    default void checkpointed(String mode, boolean complete, long framesCopied) {}
}
