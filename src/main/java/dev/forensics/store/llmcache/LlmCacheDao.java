package dev.forensics.store.llmcache;

import dev.forensics.store.internal.DaoContext;
import dev.forensics.store.internal.Sha256;
import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The LLM step's analysis cache on the Repository's one connection: one entry per URL, keyed by the URL's SHA-256.
 * The overloads with a {@code model} argument make a change of model or prompt version a miss, not a stale hit.
 * Every method throws a typed {@link dev.forensics.store.StoreException} on failure.
 */
public final class LlmCacheDao {
    private final LlmCacheSql sql;
    private final DaoContext context;

    /** Attaches the cache SQL to a Repository's handle; only the Repository calls this. */
    public LlmCacheDao(Handle handle, DaoContext context) {
        this.sql = handle.attach(LlmCacheSql.class);
        this.context = context;
    }

    /** The cached analysis of this URL, whatever model produced it. */
    public Optional<CachedAnalysis> get(String url) {
        return counted(context.call("reading the LLM cache", () -> sql.find(Sha256.hex(url))));
    }

    /** The cached analysis of this URL only if {@code model} produced it; another model's entry is a miss. */
    public Optional<CachedAnalysis> get(String url, String model) {
        Objects.requireNonNull(model, "model");
        return counted(context.call("reading the LLM cache", () -> sql.find(Sha256.hex(url), model)));
    }

    /** Caches an analysis with no model recorded, replacing any entry for this URL. */
    public void put(String url, String analysisJson) {
        put(url, analysisJson, CachedAnalysis.NO_MODEL);
    }

    /** Caches an analysis produced by {@code model}, replacing any entry for this URL. */
    public void put(String url, String analysisJson, String model) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(analysisJson, "analysisJson");
        Objects.requireNonNull(model, "model");
        context.call("writing the LLM cache", () -> sql.put(Sha256.hex(url), url, model, analysisJson, context.now()));
        context.wrote("llm_cache", 1);
    }

    /** Removes the entry for this URL; returns whether there was one. */
    public boolean delete(String url) {
        int deleted = context.call("deleting from the LLM cache", () -> sql.delete(Sha256.hex(url)));
        context.wrote("llm_cache", deleted);
        return deleted > 0;
    }

    /** Removes every entry cached before {@code cutoff}; returns how many. */
    public int prune(Instant cutoff) {
        int pruned = context.call("pruning the LLM cache", () -> sql.prune(cutoff));
        context.wrote("llm_cache", pruned);
        return pruned;
    }

    private Optional<CachedAnalysis> counted(Optional<CachedAnalysis> found) {
        context.cacheLookup(found.isPresent());
        return found;
    }

    /** Removes every entry older than {@code age} by the configured clock; returns how many. */
    public int prune(Duration age) {
        return prune(context.now().minus(age));
    }

    /** Entry count, model count and age range of the cache. */
    public CacheStats stats() {
        return context.call("reading LLM cache stats", sql::stats);
    }
}
