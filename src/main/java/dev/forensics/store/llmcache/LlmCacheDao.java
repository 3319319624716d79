package dev.forensics.store.llmcache;

import dev.forensics.store.internal.DaoContext;
import dev.forensics.store.internal.InstantText;
import dev.forensics.store.internal.Sha256;
import dev.forensics.store.internal.StorableText;
import org.jdbi.v3.core.Handle;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The LLM step's analysis cache on the Repository's one connection: one entry per URL, keyed by the URL's SHA-256.
 * The overloads with a {@code model} argument make a change of model or prompt version a miss, not a stale hit.
 * Every method throws a typed {@link dev.forensics.store.StoreException} on failure. {@code get} and {@code put} bind
 * JDBC by hand, the rest is Jdbi SqlObject (ADR-010).
 */
public final class LlmCacheDao {
    private static final String COLUMNS = "url_hash, url, model, analysis_json, cached_at";
    private static final String FIND = "SELECT " + COLUMNS + " FROM llm_cache WHERE url_hash = ?";
    private static final String FIND_FOR_MODEL = FIND + " AND model = ?";
    private static final String PUT = "INSERT INTO llm_cache (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (url_hash) DO UPDATE SET url = excluded.url, model = excluded.model, "
            + "analysis_json = excluded.analysis_json, cached_at = excluded.cached_at";

    private final Handle handle;
    private final DaoContext context;
    private LlmCacheSql attached;

    /** Binds the cache DAO to a Repository's handle; only the Repository calls this. */
    public LlmCacheDao(Handle handle, DaoContext context) {
        this.handle = handle;
        this.context = context;
    }

    /** The SqlObject of the rarer statements, attached on first use: get and put run on JDBC directly (BENCHMARKS.md, case 4). */
    private LlmCacheSql sql() {
        if (attached == null) {
            attached = handle.attach(LlmCacheSql.class);
        }
        return attached;
    }

    /** The cached analysis of this URL, whatever model produced it. */
    public Optional<CachedAnalysis> get(String url) {
        String key = key(url);
        return counted(context.read(handle, "reading the LLM cache", FIND, statement -> {
            statement.setString(1, key);
            return readEntry(statement);
        }));
    }

    /** The cached analysis of this URL only if {@code model} produced it; another model's entry is a miss. */
    public Optional<CachedAnalysis> get(String url, String model) {
        Objects.requireNonNull(model, "model");
        String key = key(url);
        return counted(context.read(handle, "reading the LLM cache", FIND_FOR_MODEL, statement -> {
            statement.setString(1, key);
            StorableText.bind(statement, 2, "model", model);
            return readEntry(statement);
        }));
    }

    private static Optional<CachedAnalysis> readEntry(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new CachedAnalysis(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                    InstantText.parse(row.getString(5))));
        }
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
        String key = key(url);
        String now = InstantText.format(context.now());
        context.write(handle, "writing the LLM cache", PUT, statement -> {
            statement.setString(1, key);
            StorableText.bind(statement, 2, "url", url);
            StorableText.bind(statement, 3, "model", model);
            StorableText.bind(statement, 4, "analysisJson", analysisJson);
            statement.setString(5, now);
            return statement.executeUpdate();
        });
        context.wrote("llm_cache", 1);
    }

    /** Removes the entry for this URL; returns whether there was one. */
    public boolean delete(String url) {
        int deleted = context.write("deleting from the LLM cache", () -> sql().delete(key(url)));
        context.wrote("llm_cache", deleted);
        return deleted > 0;
    }

    /** Removes every entry cached before {@code cutoff}; returns how many. */
    public int prune(Instant cutoff) {
        int pruned = context.write("pruning the LLM cache", () -> sql().prune(cutoff));
        context.wrote("llm_cache", pruned);
        return pruned;
    }

    /** The entry's key: the SHA-256 of the URL, whose text must be storable (a lone surrogate would hash as "?"). */
    private static String key(String url) {
        return Sha256.hex(StorableText.require("url", url));
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
        return context.read("reading LLM cache stats", () -> sql().stats());
    }
}
