package dev.forensics.store;

import dev.forensics.store.metrics.StoreMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link Repository}, validated when built; {@link #defaults()} suits a pipeline worker.
 *
 * @param busyTimeout     how long a statement or {@code BEGIN IMMEDIATE} waits for a lock before
 *                        {@link dev.forensics.store.errors.DatabaseBusyException} (default 5 s)
 * @param transactionRetries how many times a whole transaction lambda is run again when the lock could not be
 *                        had (default 0: off; see ADR-007 before turning it on, the lambda runs more than once)
 * @param retryBackoff    the first backoff between retries; it doubles each time, with jitter (default 50 ms)
 * @param clock           the source of every timestamp the DAOs write, and of how long checkpoints have been blocked (default UTC system clock)
 * @param leakDetection   whether a Repository dropped without {@code close()} is reported with the stack trace
 *                        of where it was opened (default on; costs one stack capture per open)
 * @param checkpointAfterRows after a top-level transaction that brings the rows written by one Repository since its last
 *                        checkpoint to this many, a {@code PASSIVE} WAL checkpoint runs (SQLite; default 1,000); with
 *                        any value above 0 the Repository runs the WAL checkpoints itself, SQLite's autocheckpoint off,
 *                        and keeps the {@code -wal} under 64 MB with several writer processes (ADR-018); 0 turns the
 *                        library's checkpoints off and leaves SQLite's autocheckpoint (every 1,000 pages) in charge
 * @param slowTransaction a top-level transaction taking longer than this is logged at WARN with its caller (default 1 s)
 * @param metrics         where meters are recorded (default {@link StoreMetrics#NONE}: nothing recorded); see
 *                        {@link dev.forensics.store.metrics.MicrometerStoreMetrics}
 * @param llmCacheMaxEntries the LLM cache keeps at most this many entries (plus a slack of 1%, at least 1), evicting the
 *                        least recently used (ADR-013); default 0 = unbounded
 * @param llmCacheMaxBytes the LLM cache keeps at most this many bytes of analysis JSON (plus 1%), evicting the least
 *                        recently used (ADR-013); default 0 = unbounded
 */
public record StoreOptions(
        Duration busyTimeout,
        int transactionRetries,
        Duration retryBackoff,
        Clock clock,
        boolean leakDetection,
        long checkpointAfterRows,
        Duration slowTransaction,
        StoreMetrics metrics,
        long llmCacheMaxEntries,
        long llmCacheMaxBytes) {

    /** Validates every setting; a bad one throws {@link IllegalArgumentException} naming it. */
    public StoreOptions {
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(slowTransaction, "slowTransaction");
        Objects.requireNonNull(metrics, "metrics (use StoreMetrics.NONE for none)");
        if (checkpointAfterRows < 0) {
            throw new IllegalArgumentException(
                    "checkpointAfterRows cannot be negative (0 turns it off), was " + checkpointAfterRows);
        }
        if (slowTransaction.isNegative()) {
            throw new IllegalArgumentException("slowTransaction cannot be negative, was " + slowTransaction);
        }
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "busyTimeout must be between 0 and " + Integer.MAX_VALUE + " ms, was " + busyTimeout);
        }
        if (transactionRetries < 0) {
            throw new IllegalArgumentException("transactionRetries cannot be negative, was " + transactionRetries);
        }
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff cannot be negative, was " + retryBackoff);
        }
        if (llmCacheMaxEntries < 0) {
            throw new IllegalArgumentException(
                    "llmCacheMaxEntries cannot be negative (0 = unbounded), was " + llmCacheMaxEntries);
        }
        if (llmCacheMaxBytes < 0) {
            throw new IllegalArgumentException(
                    "llmCacheMaxBytes cannot be negative (0 = unbounded), was " + llmCacheMaxBytes);
        }
    }

    /**
     * The defaults: 5 s busy timeout, no transaction retry (ADR-007), system UTC clock, leak detection on, a PASSIVE
     * checkpoint every 1,000 rows written, slow transactions logged from 1 s, no metrics, an unbounded LLM cache.
     */
    public static StoreOptions defaults() {
        return builder().build();
    }

    /** A builder holding {@link #defaults()}; set what differs, then {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to make a copy that differs in some of them. */
    public Builder toBuilder() {
        return new Builder()
                .busyTimeout(busyTimeout)
                .transactionRetries(transactionRetries)
                .retryBackoff(retryBackoff)
                .clock(clock)
                .leakDetection(leakDetection)
                .checkpointAfterRows(checkpointAfterRows)
                .slowTransaction(slowTransaction)
                .metrics(metrics)
                .llmCacheMaxEntries(llmCacheMaxEntries)
                .llmCacheMaxBytes(llmCacheMaxBytes);
    }

    /** A copy with another busy timeout. */
    public StoreOptions withBusyTimeout(Duration timeout) {
        return toBuilder().busyTimeout(timeout).build();
    }

    /** A copy that runs a transaction lambda up to {@code retries} more times when the lock cannot be had. */
    public StoreOptions withTransactionRetries(int retries, Duration firstBackoff) {
        return toBuilder()
                .transactionRetries(retries)
                .retryBackoff(firstBackoff)
                .build();
    }

    /** A copy whose DAOs take their timestamps from {@code clock}. */
    public StoreOptions withClock(Clock newClock) {
        return toBuilder().clock(newClock).build();
    }

    /** A copy with leak detection turned on or off. */
    public StoreOptions withLeakDetection(boolean enabled) {
        return toBuilder().leakDetection(enabled).build();
    }

    /**
     * A copy that runs a PASSIVE checkpoint once a Repository has written {@code rows} rows since its last one; 0 leaves
     * the checkpoints to SQLite's autocheckpoint (see {@link #checkpointAfterRows()}).
     */
    public StoreOptions withCheckpointAfterRows(long rows) {
        return toBuilder().checkpointAfterRows(rows).build();
    }

    /** A copy that logs transactions slower than {@code threshold}. */
    public StoreOptions withSlowTransaction(Duration threshold) {
        return toBuilder().slowTransaction(threshold).build();
    }

    /**
     * A copy that records meters into {@code newMetrics}, e.g. {@code MicrometerStoreMetrics.of(registry)}; {@link StoreMetrics#NONE}
     * records nothing.
     */
    public StoreOptions withMetrics(StoreMetrics newMetrics) {
        return toBuilder().metrics(newMetrics).build();
    }

    /** A copy whose LLM cache keeps at most {@code maxEntries} entries, least recently used evicted first (0 = unbounded). */
    public StoreOptions withLlmCacheMaxEntries(long maxEntries) {
        return toBuilder().llmCacheMaxEntries(maxEntries).build();
    }

    /** A copy whose LLM cache keeps at most {@code maxBytes} bytes of analysis JSON, least recently used evicted first (0 = unbounded). */
    public StoreOptions withLlmCacheMaxBytes(long maxBytes) {
        return toBuilder().llmCacheMaxBytes(maxBytes).build();
    }

    /**
     * Collects settings for a {@link StoreOptions}; starts from the defaults. A new setting is one field (its default)
     * and one setter here, one record component and one line in {@link StoreOptions#toBuilder()}. Not thread-safe;
     * {@link #build()} validates (see the record's constructor).
     */
    public static final class Builder {
        private Duration busyTimeout = Duration.ofSeconds(5);
        private int transactionRetries = 0;
        private Duration retryBackoff = Duration.ofMillis(50);
        private Clock clock = Clock.systemUTC();
        private boolean leakDetection = true;
        private long checkpointAfterRows = 1_000;
        private Duration slowTransaction = Duration.ofSeconds(1);
        private StoreMetrics metrics = StoreMetrics.NONE;
        private long llmCacheMaxEntries = 0;
        private long llmCacheMaxBytes = 0;

        private Builder() {}

        /** See {@link StoreOptions#busyTimeout()}. */
        public Builder busyTimeout(Duration value) {
            this.busyTimeout = value;
            return this;
        }

        /** See {@link StoreOptions#transactionRetries()}. */
        public Builder transactionRetries(int value) {
            this.transactionRetries = value;
            return this;
        }

        /** See {@link StoreOptions#retryBackoff()}. */
        public Builder retryBackoff(Duration value) {
            this.retryBackoff = value;
            return this;
        }

        /** See {@link StoreOptions#clock()}. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** See {@link StoreOptions#leakDetection()}. */
        public Builder leakDetection(boolean value) {
            this.leakDetection = value;
            return this;
        }

        /** See {@link StoreOptions#checkpointAfterRows()}. */
        public Builder checkpointAfterRows(long value) {
            this.checkpointAfterRows = value;
            return this;
        }

        /** See {@link StoreOptions#slowTransaction()}. */
        public Builder slowTransaction(Duration value) {
            this.slowTransaction = value;
            return this;
        }

        /** See {@link StoreOptions#metrics()}. */
        public Builder metrics(StoreMetrics value) {
            this.metrics = value;
            return this;
        }

        /** See {@link StoreOptions#llmCacheMaxEntries()}. */
        public Builder llmCacheMaxEntries(long value) {
            this.llmCacheMaxEntries = value;
            return this;
        }

        /** See {@link StoreOptions#llmCacheMaxBytes()}. */
        public Builder llmCacheMaxBytes(long value) {
            this.llmCacheMaxBytes = value;
            return this;
        }

        /**
         * The options with these settings.
         *
         * @throws IllegalArgumentException naming the first setting that is out of range
         * @throws NullPointerException naming a setting left null
         */
        public StoreOptions build() {
            return new StoreOptions(
                    busyTimeout,
                    transactionRetries,
                    retryBackoff,
                    clock,
                    leakDetection,
                    checkpointAfterRows,
                    slowTransaction,
                    metrics,
                    llmCacheMaxEntries,
                    llmCacheMaxBytes);
        }
    }
}
