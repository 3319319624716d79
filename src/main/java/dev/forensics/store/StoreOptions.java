package dev.forensics.store;

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
 * @param clock           the source of every timestamp the DAOs write (default UTC system clock)
 * @param leakDetection   whether a Repository dropped without {@code close()} is reported with the stack trace
 *                        of where it was opened (default on; costs one stack capture per open)
 */
public record StoreOptions(
        Duration busyTimeout,
        int transactionRetries,
        Duration retryBackoff,
        Clock clock,
        boolean leakDetection) {

    /** Validates every setting; a bad one throws {@link IllegalArgumentException} naming it. */
    public StoreOptions {
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        Objects.requireNonNull(clock, "clock");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout must be between 0 and " + Integer.MAX_VALUE + " ms, was " + busyTimeout);
        }
        if (transactionRetries < 0) {
            throw new IllegalArgumentException("transactionRetries cannot be negative, was " + transactionRetries);
        }
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff cannot be negative, was " + retryBackoff);
        }
    }

    /** The defaults: 5 s busy timeout, no transaction retry, system UTC clock, leak detection on. */
    public static StoreOptions defaults() {
        return new StoreOptions(Duration.ofSeconds(5), 0, Duration.ofMillis(50), Clock.systemUTC(), true);
    }

    /** A copy with another busy timeout. */
    public StoreOptions withBusyTimeout(Duration timeout) {
        return new StoreOptions(timeout, transactionRetries, retryBackoff, clock, leakDetection);
    }

    /** A copy that runs a transaction lambda up to {@code retries} more times when the lock cannot be had. */
    public StoreOptions withTransactionRetries(int retries, Duration firstBackoff) {
        return new StoreOptions(busyTimeout, retries, firstBackoff, clock, leakDetection);
    }

    /** A copy whose DAOs take their timestamps from {@code clock}. */
    public StoreOptions withClock(Clock newClock) {
        return new StoreOptions(busyTimeout, transactionRetries, retryBackoff, newClock, leakDetection);
    }

    /** A copy with leak detection turned on or off. */
    public StoreOptions withLeakDetection(boolean enabled) {
        return new StoreOptions(busyTimeout, transactionRetries, retryBackoff, clock, enabled);
    }
}
