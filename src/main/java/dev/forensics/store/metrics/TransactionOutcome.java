package dev.forensics.store.metrics;

import java.util.Locale;

/** How a top-level transaction ended, as reported to {@link StoreMetrics} and in the slow-transaction log line. */
public enum TransactionOutcome {
    /** The lambda returned and the commit succeeded. */
    COMMIT,
    /** The lambda threw (or the commit failed) and everything was rolled back. */
    ROLLBACK,
    /** The write lock could not be had ({@code DatabaseBusyException}); everything was rolled back. */
    BUSY;

    /** The lower-case name used as a meter tag and in logs: {@code commit}, {@code rollback}, {@code busy}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
