package dev.forensics.store.llmcache;

import dev.forensics.store.internal.DaoContext;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A {@code DELETE} of many LLM-cache entries, run as statements of at most {@link #ENTRIES} entries each inside one
 * transaction (the caller's, or one of its own). SQLite keeps each statement's journal in memory (ADR-020): one
 * statement deleting 200,000 entries held the 160 MB of pages it changed until it ended; statements of
 * {@link #ENTRIES} hold a few hundred kilobytes at a time, and the transaction still commits all or nothing.
 */
final class ChunkedDelete {
    /** The most entries one statement deletes. */
    static final int ENTRIES = 1_000;

    private ChunkedDelete() {}

    /** Binds a chunk's statement: its own parameters, and the number of entries it may delete. */
    @FunctionalInterface
    interface Binder {
        /** Binds {@code statement} to delete at most {@code entries} entries. */
        void bind(PreparedStatement statement, long entries) throws SQLException;
    }

    /**
     * Runs {@code sql}, a delete of at most the bound number of entries, until {@code limit} entries are deleted or a
     * statement deletes fewer than it was allowed to (nothing more matches).
     *
     * @param action what is being done, for the message ("pruning the LLM cache")
     * @return how many entries were deleted
     * @throws dev.forensics.store.StoreException a typed subclass when a statement fails (nothing of it is committed)
     */
    static long run(DaoContext context, String action, String sql, Binder binder, long limit) {
        return context.write(action, sql, statement -> {
            long deleted = 0;
            while (deleted < limit) {
                long allowed = Math.min(ENTRIES, limit - deleted);
                binder.bind(statement, allowed);
                int chunk = statement.executeUpdate();
                deleted += chunk;
                if (chunk < allowed) {
                    break;
                }
            }
            return deleted;
        });
    }
}
