package dev.forensics.store.llmcache;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A summary of the LLM cache.
 *
 * @param entries        how many analyses are cached
 * @param models         how many distinct model/prompt versions produced them
 * @param bytes          their analysis JSON in UTF-8 bytes
 * @param entriesByModel how many entries each model/prompt version produced, by model name ({@code ""} for none), sorted
 * @param oldest         the oldest {@code cached_at}, or {@code null} when empty
 * @param newest         the newest {@code cached_at}, or {@code null} when empty
 * @param maxEntries     the entry bound ({@code StoreOptions.llmCacheMaxEntries}) the latest bounded writer enforced
 *                       (0 = none has)
 * @param maxBytes       the byte bound ({@code StoreOptions.llmCacheMaxBytes}) the latest bounded writer enforced (0 = none has)
 * @param freePages      the free pages of the database file (SQLite's {@code freelist_count}: space a {@code VACUUM}
 *                       would return), {@code null} for a server database
 */
public record CacheStats(
        long entries,
        long models,
        long bytes,
        Map<String, Long> entriesByModel,
        Instant oldest,
        Instant newest,
        long maxEntries,
        long maxBytes,
        Long freePages) {

    /** Copies the per-model counts, sorted by model and unmodifiable. */
    public CacheStats {
        entriesByModel = Collections.unmodifiableMap(new TreeMap<>(entriesByModel));
    }
}
