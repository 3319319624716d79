package dev.forensics.store.llmcache;

import java.time.Instant;

/**
 * A summary of the LLM cache.
 *
 * @param entries how many analyses are cached
 * @param models  how many distinct model/prompt versions produced them
 * @param oldest  the oldest {@code cached_at}, or {@code null} when empty
 * @param newest  the newest {@code cached_at}, or {@code null} when empty
 */
public record CacheStats(long entries, long models, Instant oldest, Instant newest) {
}
