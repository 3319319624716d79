package dev.forensics.store.llmcache;

import dev.forensics.store.internal.DaoContext;
import java.sql.ResultSet;

/**
 * The size bound of the LLM cache (ADR-013): entries and bytes are read from the one-row {@code llm_cache_size} table
 * that triggers keep, and when a bound is exceeded by more than its slack, the least recently used entries
 * ({@code used_at}) are deleted until the cache is back at the bound. Runs inside the writer's transaction, never on
 * the read path; deleting a slack's worth at once amortises the eviction over that many puts.
 *
 * @param maxEntries at most this many entries (0 = unbounded)
 * @param maxBytes   at most this many bytes of analysis JSON (0 = unbounded)
 */
record CacheBound(long maxEntries, long maxBytes) {
    static final String SIZE = "SELECT coalesce(sum(entries), 0), coalesce(sum(bytes), 0), count(*), "
            + "(SELECT max_entries FROM llm_cache_bound WHERE id = 1), (SELECT max_bytes FROM llm_cache_bound WHERE id = 1) "
            + "FROM llm_cache_size";
    /**
     * Folds PostgreSQL's appended size deltas into the first row, in one statement (a row another transaction adds
     * meanwhile is neither deleted nor counted, so nothing is lost). SQLite keeps a single row and never runs it.
     */
    static final String FOLD =
            "WITH folded AS (DELETE FROM llm_cache_size WHERE id > (SELECT min(id) FROM llm_cache_size) "
                    + "RETURNING entries, bytes) UPDATE llm_cache_size SET entries = entries + (SELECT coalesce(sum(entries), 0) FROM folded), "
                    + "bytes = bytes + (SELECT coalesce(sum(bytes), 0) FROM folded) WHERE id = (SELECT min(id) FROM llm_cache_size)";
    /** Fold the size rows once there are more than this many. */
    static final int FOLD_AFTER_ROWS = 64;

    static final String RECORD_BOUND = "UPDATE llm_cache_bound SET max_entries = ?, max_bytes = ? WHERE id = 1";
    /**
     * Deletes the {@code ?} least recently used entries. Ordered by {@code used_at} alone, so that both databases walk
     * the {@code llm_cache_used_at} index and stop after {@code ?} rows (ties go in index order: rowid on SQLite). With
     * {@code url_hash, model} added as tie-breakers SQLite 3.54 scanned and sorted the whole table instead: 12 ms and
     * more per eviction of 101 entries from 10,000, against 1.4 ms (BENCHMARKS.md, issue 14); CacheBoundPlanTest
     * checks the plan.
     */
    static final String EVICT = "DELETE FROM llm_cache WHERE (url_hash, model) IN "
            + "(SELECT url_hash, model FROM llm_cache ORDER BY used_at LIMIT ?)";
    /** Enough rounds for any byte bound: each round deletes at least the average-sized excess. */
    private static final int MAX_ROUNDS = 16;

    /** Whether any bound is set. */
    boolean enabled() {
        return maxEntries > 0 || maxBytes > 0;
    }

    /** How far above the entry bound the cache may go before an eviction runs: 1% of it, at least 1. */
    long entrySlack() {
        return Math.max(1, maxEntries / 100);
    }

    /** How far above the byte bound the cache may go before an eviction runs: 1% of it, at least 1. */
    long byteSlack() {
        return Math.max(1, maxBytes / 100);
    }

    /**
     * Evicts the least recently used entries when the cache exceeds a bound by more than its slack; returns how many.
     * Call inside the writer's transaction (or with the cache's writes otherwise serialised).
     */
    long enforce(DaoContext context) {
        Size size = size(context);
        if (size.maxEntries() != maxEntries || size.maxBytes() != maxBytes) {
            context.write("recording the LLM cache bound", RECORD_BOUND, statement -> {
                statement.setLong(1, maxEntries);
                statement.setLong(2, maxBytes);
                return statement.executeUpdate();
            });
        }
        boolean overEntries = maxEntries > 0 && size.entries() > maxEntries + entrySlack();
        boolean overBytes = maxBytes > 0 && size.bytes() > maxBytes + byteSlack();
        return overEntries || overBytes ? evictToBound(context, size) : 0;
    }

    /** Evicts the least recently used entries until the cache is within the bound exactly; returns how many. */
    long evictToBound(DaoContext context) {
        return evictToBound(context, size(context));
    }

    private long evictToBound(DaoContext context, Size size) {
        long evicted = 0;
        for (int round = 0; round < MAX_ROUNDS && size.entries() > 0; round++) {
            long excessEntries = maxEntries > 0 ? size.entries() - maxEntries : 0;
            long excessBytes = maxBytes > 0 ? size.bytes() - maxBytes : 0;
            if (excessEntries <= 0 && excessBytes <= 0) {
                break;
            }
            long average = Math.max(1, size.bytes() / size.entries());
            long victims = Math.max(1, Math.max(excessEntries, (excessBytes + average - 1) / average));
            evicted += ChunkedDelete.run(
                    context,
                    "evicting from the LLM cache",
                    EVICT,
                    (statement, entries) -> statement.setLong(1, entries),
                    victims);
            size = size(context);
        }
        context.wrote("llm_cache", evicted);
        return evicted;
    }

    /**
     * The entry count and byte total kept by the triggers (and the recorded bound); folds the size rows first when
     * PostgreSQL's deltas have piled up past {@link #FOLD_AFTER_ROWS}.
     */
    static Size size(DaoContext context) {
        Size size = readSize(context);
        if (size.rows() <= FOLD_AFTER_ROWS) {
            return size;
        }
        context.write("folding the LLM cache size rows", FOLD, statement -> statement.executeUpdate());
        return readSize(context);
    }

    private static Size readSize(DaoContext context) {
        return context.read("reading the LLM cache size", SIZE, statement -> {
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Size(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5));
            }
        });
    }

    /**
     * The cache's size, and the bound last enforced.
     *
     * @param entries    how many entries
     * @param bytes      their analysis JSON in UTF-8 bytes
     * @param rows       how many rows of {@code llm_cache_size} hold them (1 on SQLite; deltas on PostgreSQL)
     * @param maxEntries the entry bound the latest bounded writer enforced (0 = none)
     * @param maxBytes   the byte bound the latest bounded writer enforced (0 = none)
     */
    record Size(long entries, long bytes, long rows, long maxEntries, long maxBytes) {}
}
