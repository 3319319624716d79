package dev.forensics.store.internal;

import dev.forensics.store.StoreOptions;
import dev.forensics.store.errors.DatabaseBusyException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * Decorates one top-level transaction attempt with ADR-007's busy retry: when the attempt fails with
 * {@link DatabaseBusyException} before a {@code COMMIT} was issued (everything rolled back), it runs the whole attempt
 * again after a jittered, doubling backoff, up to {@link StoreOptions#transactionRetries()} times (0 by default: off).
 * Each retry and the final busy failure are reported to the {@link TransactionObserver}. One per Repository.
 */
public final class BusyRetry {
    private final int retries;
    private final long firstBackoffMillis;
    private final TransactionObserver observer;

    /** Retries as {@code options} say, reporting to {@code observer}. */
    public BusyRetry(StoreOptions options, TransactionObserver observer) {
        this.retries = options.transactionRetries();
        this.firstBackoffMillis = Math.max(1, options.retryBackoff().toMillis());
        this.observer = observer;
    }

    /** One run of the whole transaction lambda: begin, lambda, commit. */
    @FunctionalInterface
    public interface Attempt<T, X extends Exception> {
        /** Runs the transaction once. */
        T run() throws X;
    }

    /**
     * Runs {@code attempt}, again after a busy failure while retries remain and {@code commitAttempted} is false.
     *
     * @throws DatabaseBusyException the last busy failure, when no retry is left (or once a commit was attempted)
     * @throws X                     whatever the attempt throws otherwise
     */
    public <T, X extends Exception> T run(Attempt<T, X> attempt, BooleanSupplier commitAttempted) throws X {
        for (int done = 0; ; done++) {
            try {
                return attempt.run();
            } catch (DatabaseBusyException busy) {
                if (commitAttempted.getAsBoolean() || done >= retries) {
                    observer.busy(busy, done, -1);
                    throw busy;
                }
                backOff(done, busy);
            }
        }
    }

    private void backOff(int attempt, DatabaseBusyException busy) {
        long base = firstBackoffMillis << Math.min(attempt, 10);
        long pause = ThreadLocalRandom.current().nextLong(base / 2, base + 1);
        observer.busy(busy, attempt, pause);
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy;
        }
    }
}
