package dev.forensics.store.llmcache;

import dev.forensics.store.DataAccess;
import dev.forensics.store.StoreException;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.internal.DaoContext;
import dev.forensics.store.internal.InstantText;
import dev.forensics.store.internal.Sha256;
import dev.forensics.store.internal.StorableText;
import dev.forensics.store.metrics.StoreMetrics;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LLM step's analysis cache on the Repository's one connection, keyed by (SHA-256 of the URL, model): two models'
 * analyses of one URL live side by side. {@link #getOrCompute} pays for each analysis once across threads and
 * processes (single flight with leases, ADR-013); with {@link StoreOptions#llmCacheMaxEntries()} or
 * {@link StoreOptions#llmCacheMaxBytes()} set, the least recently used entries are evicted by writers. Every method
 * throws a typed {@link StoreException} on failure. The hot statements bind JDBC by hand, the rest is Jdbi SqlObject
 * (ADR-010).
 */
public final class LlmCacheDao {
    /** The lease of {@link #getOrCompute(String, String, AnalysisComputation)}: a computation may take this long. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(LlmCacheDao.class);
    /** An unbounded Repository checks whether the size rows need folding once per this many puts. */
    private static final int FOLD_EVERY_PUTS = 256;

    /** {@link #stats()}'s queries, bound by hand: a one-shot {@code cache stats} or {@code stats} attaches no SqlObject. */
    private static final String AGES = "SELECT min(cached_at), max(cached_at) FROM llm_cache";

    /**
     * One chunk of a prune ({@link ChunkedDelete}): walks the {@code llm_cache_cached_at} index from the oldest entry.
     */
    static final String PRUNE = "DELETE FROM llm_cache WHERE (url_hash, model) IN "
            + "(SELECT url_hash, model FROM llm_cache WHERE cached_at < ? LIMIT ?)";

    private static final String BY_MODEL = "SELECT model, count(*) FROM llm_cache GROUP BY model ORDER BY model";
    private static final String COLUMNS = "url_hash, url, model, analysis_json, cached_at";
    static final String FIND_FOR_MODEL = "SELECT " + COLUMNS + " FROM llm_cache WHERE url_hash = ? AND model = ?";
    private static final String FIND_LATEST =
            "SELECT " + COLUMNS + " FROM llm_cache WHERE url_hash = ? " + "ORDER BY cached_at DESC, model LIMIT 1";
    private static final String PUT =
            "INSERT INTO llm_cache (" + COLUMNS + ", used_at, bytes) VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (url_hash, model) DO UPDATE SET url = excluded.url, analysis_json = excluded.analysis_json, "
                    + "cached_at = excluded.cached_at, used_at = excluded.used_at, bytes = excluded.bytes";

    private final Supplier<Handle> handle;
    private final DaoContext context;
    private final DataAccess owner;
    private final BooleanSupplier inTransaction;
    private final StoreMetrics metrics;
    private final CacheBound bound;
    private final Supplier<OptionalLong> freePages;
    private final UsageLog usage = new UsageLog();
    private long unboundedPuts;
    private LlmCacheSql attached;
    private SingleFlight singleFlight;

    /**
     * Binds the cache DAO to a Repository's handle; only the Repository calls this.
     *
     * @param owner         the Repository, whose {@code transaction(...)} runs the cache's short write transactions
     * @param inTransaction whether a transaction lambda of that Repository is running now
     * @param options       the Repository's options (bounds, metrics)
     * @param freePages     the database file's free pages, for {@link #stats()}
     */
    public LlmCacheDao(
            Supplier<Handle> handle,
            DaoContext context,
            DataAccess owner,
            BooleanSupplier inTransaction,
            StoreOptions options,
            Supplier<OptionalLong> freePages) {
        this.handle = handle;
        this.context = context;
        this.owner = owner;
        this.inTransaction = inTransaction;
        this.metrics = options.metrics();
        this.bound = new CacheBound(options.llmCacheMaxEntries(), options.llmCacheMaxBytes());
        this.freePages = freePages;
    }

    /** The SqlObject of the rarer statements, attached on first use (BENCHMARKS.md, case 4). */
    private LlmCacheSql sql() {
        if (attached == null) {
            attached = handle.get().attach(LlmCacheSql.class);
        }
        return attached;
    }

    /**
     * The most recently cached analysis of this URL, whatever model produced it (the greatest {@code cached_at}; on a
     * tie, the first model by name). Use {@link #get(String, String)} when the model matters.
     */
    public Optional<CachedAnalysis> get(String url) {
        String key = key(url);
        return used(context.read("reading the LLM cache", FIND_LATEST, statement -> {
            statement.setString(1, key);
            return readEntry(statement);
        }));
    }

    /** The analysis of this URL by exactly {@code model}; another model's entry is a miss. */
    public Optional<CachedAnalysis> get(String url, String model) {
        Objects.requireNonNull(model, "model");
        return used(find(key(url), model));
    }

    /**
     * The analysis of this URL by {@code model}, computed by {@code computation} on a miss, once among all the threads
     * and processes that share the database, with the {@link #DEFAULT_LEASE}. See
     * {@link #getOrCompute(String, String, Duration, AnalysisComputation)}.
     */
    public <X extends Exception> CachedAnalysis getOrCompute(
            String url, String model, AnalysisComputation<X> computation) throws X {
        return getOrCompute(url, model, DEFAULT_LEASE, computation);
    }

    /**
     * The analysis of this URL by {@code model}; on a miss exactly one caller among all threads and processes sharing
     * the database runs {@code computation} and caches its result, the others wait for it (ADR-013). A hit returns at
     * once. The computing caller holds a lease of {@code lease}, claimed in a short write transaction; no transaction
     * is open while the computation runs, so give it a lease longer than it takes: when the lease expires (or its holder
     * dies) one waiter takes over and computes, and the late result of the first is then not stored (fencing). When the
     * computation throws, its lease is released, nothing is cached, the exception propagates, and a waiter computes.
     *
     * @throws X                             what {@code computation} threw
     * @throws IllegalStateException         inside a transaction lambda (waiting would hold the transaction open)
     * @throws CacheWaitInterruptedException when the thread is interrupted while waiting (the flag is set again)
     * @throws StoreException                a typed subclass when the database fails, e.g.
     *                                       {@link dev.forensics.store.errors.DatabaseBusyException} when the short claim
     *                                       transaction cannot get the write lock within the busy timeout
     */
    public <X extends Exception> CachedAnalysis getOrCompute(
            String url, String model, Duration lease, AnalysisComputation<X> computation) throws X {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(computation, "computation");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive, was " + lease);
        }
        if (inTransaction.getAsBoolean()) {
            throw new IllegalStateException(
                    "getOrCompute(" + url + ") inside a transaction lambda: it may wait for another "
                            + "caller's computation and must not hold a transaction open meanwhile; call it outside the lambda");
        }
        Optional<CachedAnalysis> hit = get(url, model);
        if (hit.isPresent()) {
            return hit.get();
        }
        if (singleFlight == null) {
            singleFlight = new SingleFlight(this, context, owner, metrics);
        }
        return singleFlight.getOrCompute(url, key(url), model, lease, computation);
    }

    /** Caches an analysis with no model recorded ({@link CachedAnalysis#NO_MODEL}), replacing only that entry. */
    public void put(String url, String analysisJson) {
        put(url, analysisJson, CachedAnalysis.NO_MODEL);
    }

    /**
     * Caches an analysis produced by {@code model}, replacing this URL's entry of the same model only. With a bound set
     * (or reads waiting to be recorded) it runs in a short transaction that also records them and evicts (ADR-013).
     */
    public void put(String url, String analysisJson, String model) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(analysisJson, "analysisJson");
        Objects.requireNonNull(model, "model");
        String key = key(url);
        if (bound.enabled() || !usage.isEmpty()) {
            owner.useTransaction(tx -> write(url, key, model, analysisJson));
        } else {
            upsert(url, key, model, analysisJson, InstantText.format(context.now()));
            if (++unboundedPuts % FOLD_EVERY_PUTS == 0) {
                CacheBound.size(context); // folds PostgreSQL's size deltas; a bounded put does it in enforce()
            }
        }
    }

    /**
     * Writes one entry with the recorded reads and the bound's eviction; call inside a transaction. Returns the entry
     * as stored.
     */
    CachedAnalysis write(String url, String key, String model, String analysisJson) {
        Instant now = context.now();
        upsert(url, key, model, analysisJson, InstantText.format(now));
        writeUsage();
        evictIfOver();
        return new CachedAnalysis(key, url, model, analysisJson, now); // stored with all nine fraction digits: exact
    }

    /** {@code key} is {@link #key(String) key(url)}, which checked the URL already; the JSON is checked as it is measured. */
    private void upsert(String url, String key, String model, String analysisJson, String now) {
        long bytes = StorableText.utf8Length("analysisJson", analysisJson);
        context.write("writing the LLM cache", PUT, statement -> {
            statement.setString(1, key);
            statement.setString(2, url);
            StorableText.bind(statement, 3, "model", model);
            statement.setString(4, analysisJson);
            statement.setString(5, now);
            statement.setString(6, now);
            statement.setLong(7, bytes);
            return statement.executeUpdate();
        });
        context.wrote("llm_cache", 1);
    }

    private void evictIfOver() {
        if (!bound.enabled()) {
            return;
        }
        long evicted = bound.enforce(context);
        if (evicted > 0) {
            metrics.cacheEvicted(evicted);
            LOG.debug(
                    "Evicted {} least recently used LLM cache entries (bound: {} entries, {} bytes)",
                    evicted,
                    bound.maxEntries(),
                    bound.maxBytes());
        }
    }

    /** Removes this URL's entries of every model; returns how many there were. */
    public int delete(String url) {
        int deleted = context.write("deleting from the LLM cache", () -> sql().delete(key(url)));
        context.wrote("llm_cache", deleted);
        return deleted;
    }

    /** Removes this URL's entry by {@code model}; returns whether there was one. */
    public boolean delete(String url, String model) {
        Objects.requireNonNull(model, "model");
        int deleted = context.write("deleting from the LLM cache", () -> sql().delete(key(url), model));
        context.wrote("llm_cache", deleted);
        return deleted > 0;
    }

    /** Removes every entry cached before {@code cutoff}; returns how many. */
    public int prune(Instant cutoff) {
        String before = InstantText.format(cutoff);
        int pruned = (int) ChunkedDelete.run(
                context,
                "pruning the LLM cache",
                PRUNE,
                (statement, entries) -> {
                    statement.setString(1, before);
                    statement.setLong(2, entries);
                },
                Long.MAX_VALUE);
        context.wrote("llm_cache", pruned);
        return pruned;
    }

    /** Removes every entry older than {@code age} by the configured clock; returns how many. */
    public int prune(Duration age) {
        return prune(context.now().minus(age));
    }

    /**
     * Evicts the least recently used entries until at most {@code maxEntries} entries and {@code maxBytes} bytes are
     * left (0 = no such bound), exactly, in one transaction; returns how many were evicted.
     */
    public long evict(long maxEntries, long maxBytes) {
        CacheBound target = new CacheBound(maxEntries, maxBytes);
        if (!target.enabled()) {
            return 0;
        }
        long evicted = owner.transaction(tx -> {
            writeUsage();
            return target.evictToBound(context);
        });
        metrics.cacheEvicted(evicted);
        return evicted;
    }

    /**
     * Entries, bytes, entries per model, age range, the bound the latest bounded writer enforced and the file's free
     * pages. Counts the entries per model, so it reads the whole table: for operators, not for a hot path.
     */
    public CacheStats stats() {
        return context.read("reading LLM cache stats", () -> {
            CacheBound.Size size = CacheBound.size(context);
            Ages ages = context.read("reading the LLM cache's age range", AGES, statement -> {
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return new Ages(InstantText.parse(row.getString(1)), InstantText.parse(row.getString(2)));
                }
            });
            Map<String, Long> byModel = context.read("counting LLM cache entries by model", BY_MODEL, statement -> {
                Map<String, Long> counts = new LinkedHashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        counts.put(rows.getString(1), rows.getLong(2));
                    }
                }
                return counts;
            });
            OptionalLong free = freePages.get();
            return new CacheStats(
                    size.entries(),
                    byModel.size(),
                    size.bytes(),
                    byModel,
                    ages.oldest(),
                    ages.newest(),
                    size.maxEntries(),
                    size.maxBytes(),
                    free.isPresent() ? free.getAsLong() : null);
        });
    }

    /**
     * Writes the reads noted since the last write to {@code used_at} now, in one short transaction; called by the
     * Repository when it closes. Never throws: a failure (say, a busy database) is logged and the notes are dropped,
     * since access times only order evictions.
     */
    public void flushUsage() {
        if (usage.isEmpty() || inTransaction.getAsBoolean()) {
            return;
        }
        try {
            owner.useTransaction(tx -> writeUsage());
        } catch (StoreException e) {
            usage.clear();
            LOG.debug("LLM cache access times not recorded ({}); eviction order may be slightly off", e.getMessage());
        }
    }

    /** Reads of the cache, noted for LRU; written with the next write, or now when enough gathered (never every read). */
    private Optional<CachedAnalysis> used(Optional<CachedAnalysis> found) {
        context.cacheLookup(found.isPresent());
        if (found.isPresent() && bound.enabled()) {
            Instant now = context.now();
            usage.read(found.get().urlHash(), found.get().model(), now);
            if (usage.due(now)) {
                flushUsage();
            }
        }
        return found;
    }

    private void writeUsage() {
        if (usage.isEmpty()) {
            return;
        }
        context.write("recording LLM cache reads", UsageLog.TOUCH, statement -> {
            usage.writeTo(statement);
            return null;
        });
        usage.clear();
    }

    /** The entry's key: the SHA-256 of the URL, whose text must be storable (a lone surrogate would hash as "?"). */
    private static String key(String url) {
        return Sha256.hex(StorableText.require("url", url));
    }

    /** The entry of exactly this key, with no metrics and no access recorded (single flight's polls). */
    Optional<CachedAnalysis> find(String key, String model) {
        return context.read("reading the LLM cache", FIND_FOR_MODEL, statement -> {
            statement.setString(1, key);
            StorableText.bind(statement, 2, "model", model);
            return readEntry(statement);
        });
    }

    private static Optional<CachedAnalysis> readEntry(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new CachedAnalysis(
                    row.getString(1),
                    row.getString(2),
                    row.getString(3),
                    row.getString(4),
                    InstantText.parse(row.getString(5))));
        }
    }

    /**
     * The age range of the entries.
     *
     * @param oldest the oldest {@code cached_at}, or {@code null} when empty
     * @param newest the newest {@code cached_at}, or {@code null} when empty
     */
    private record Ages(Instant oldest, Instant newest) {}
}
