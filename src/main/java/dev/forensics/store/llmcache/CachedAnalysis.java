package dev.forensics.store.llmcache;

import java.time.Instant;

/**
 * One cached LLM analysis.
 *
 * @param urlHash      SHA-256 hex of the URL, the cache key
 * @param url          the analysed article's URL
 * @param model        the model/prompt version that produced it ({@link #NO_MODEL} when the caller gave none)
 * @param analysisJson the analysis, as the JSON text that was put
 * @param cachedAt     when it was put
 */
public record CachedAnalysis(String urlHash, String url, String model, String analysisJson, Instant cachedAt) {
    /** The model recorded by the overloads that take no model. */
    public static final String NO_MODEL = "";
}
