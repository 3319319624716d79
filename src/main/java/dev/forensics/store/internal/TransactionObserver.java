package dev.forensics.store.internal;

import dev.forensics.store.StoreOptions;
import dev.forensics.store.errors.DatabaseBusyException;
import dev.forensics.store.metrics.StoreMetrics;
import dev.forensics.store.metrics.TransactionOutcome;
import java.security.CodeSource;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Repository reports about its top-level transactions: their timings and busy errors go to the
 * {@link StoreMetrics}, and slow ones and retries are logged with stable messages. Without metrics and below the slow
 * threshold it costs two clock reads per transaction; the caller's stack frame is only looked up for a slow one.
 */
public final class TransactionObserver {
    private static final Logger LOG = LoggerFactory.getLogger("dev.forensics.store.Repository");
    private static final String LIBRARY_PACKAGE = "dev.forensics.store.";
    private static final CodeSource LIBRARY_CODE =
            TransactionObserver.class.getProtectionDomain().getCodeSource();

    private final String displayName;
    private final StoreMetrics metrics;
    private final long slowNanos;

    /** Observes the transactions of one Repository on {@code displayName}. */
    public TransactionObserver(String displayName, StoreOptions options) {
        this.displayName = displayName;
        this.metrics = options.metrics();
        this.slowNanos = options.slowTransaction().toNanos();
    }

    /**
     * A top-level transaction ended; call from inside {@code transaction(...)} so the caller is still on the stack.
     *
     * @param outcome    how it ended
     * @param startNanos {@link System#nanoTime()} before {@code BEGIN}
     * @param begunNanos {@link System#nanoTime()} after {@code BEGIN} (equal to start when BEGIN failed at once)
     */
    public void ended(TransactionOutcome outcome, long startNanos, long begunNanos) {
        long end = System.nanoTime();
        metrics.transactionEnded(outcome, end - startNanos, begunNanos - startNanos);
        if (end - startNanos > slowNanos) {
            LOG.warn(
                    "Slow transaction on {}: {} ms ({} ms waiting for the write lock), outcome {}, called from {}",
                    displayName,
                    (end - startNanos) / 1_000_000,
                    (begunNanos - startNanos) / 1_000_000,
                    outcome.tag(),
                    caller());
        }
    }

    /** The write lock could not be had; {@code retryIn} &gt;= 0 is the backoff before the lambda runs again, -1 for none. */
    public void busy(DatabaseBusyException busy, int attempt, long retryInMillis) {
        metrics.busy(retryInMillis >= 0);
        if (retryInMillis >= 0) {
            LOG.info(
                    "Busy retry on {}: attempt {} could not get the write lock, running the whole transaction again in {} ms ({})",
                    displayName,
                    attempt + 1,
                    retryInMillis,
                    busy.getMessage());
        }
    }

    /**
     * The first stack frame outside this library (a class of {@code dev.forensics.store} loaded from the library's own
     * jar or classes folder counts as inside): who called {@code transaction(...)}.
     */
    static String caller() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.filter(frame -> !isLibrary(frame.getDeclaringClass()))
                        .findFirst()
                        .map(frame -> frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName()
                                + ":" + frame.getLineNumber() + ")")
                        .orElse("an unknown caller"));
    }

    private static boolean isLibrary(Class<?> type) {
        return type.getName().startsWith(LIBRARY_PACKAGE)
                && Objects.equals(type.getProtectionDomain().getCodeSource(), LIBRARY_CODE);
    }
}
