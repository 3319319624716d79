package dev.forensics.store.llmcache;

import dev.forensics.store.DataAccess;
import dev.forensics.store.StoreException;
import dev.forensics.store.errors.DatabaseBusyException;
import dev.forensics.store.internal.DaoContext;
import dev.forensics.store.internal.InstantText;
import dev.forensics.store.metrics.StoreMetrics;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cross-process single flight of {@link LlmCacheDao#getOrCompute} (ADR-013). A lease row in
 * {@code llm_cache_lease} (owner token, expiry) is claimed in a short write transaction with
 * {@code INSERT … ON CONFLICT DO NOTHING}, or taken over with an {@code UPDATE} that matches only an expired lease; the
 * computation runs with no transaction open; its result is stored in a transaction that first deletes the lease
 * <em>by owner token</em>, so a caller whose lease was taken over stores nothing (fencing). Callers that find the lease
 * held poll two cheap autocommit reads (the entry, the lease) with a backoff of 2 to 50 ms, holding no transaction.
 */
final class SingleFlight {
    private static final Logger LOG = LoggerFactory.getLogger(LlmCacheDao.class);
    static final String CLAIM = "INSERT INTO llm_cache_lease (url_hash, model, owner, expires_at) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (url_hash, model) DO NOTHING";
    static final String TAKE_OVER = "UPDATE llm_cache_lease SET owner = ?, expires_at = ? "
            + "WHERE url_hash = ? AND model = ? AND expires_at <= ?";
    static final String LEASE = "SELECT expires_at FROM llm_cache_lease WHERE url_hash = ? AND model = ?";
    static final String RELEASE = "DELETE FROM llm_cache_lease WHERE url_hash = ? AND model = ? AND owner = ?";
    private static final long FIRST_POLL_MILLIS = 2;
    private static final long MAX_POLL_MILLIS = 50;

    private final LlmCacheDao dao;
    private final DaoContext context;
    private final DataAccess owner;
    private final StoreMetrics metrics;

    SingleFlight(LlmCacheDao dao, DaoContext context, DataAccess owner, StoreMetrics metrics) {
        this.dao = dao;
        this.context = context;
        this.owner = owner;
        this.metrics = metrics;
    }

    /** After a miss: claims the key and computes, or waits for the holder's result, taking over when its lease expires. */
    <X extends Exception> CachedAnalysis getOrCompute(
            String url, String key, String model, Duration lease, AnalysisComputation<X> computation) throws X {
        boolean waited = false;
        while (true) {
            Claim claim = claim(key, model, lease);
            if (claim.found() != null) {
                return claim.found();
            }
            if (claim.token() != null) {
                if (claim.takeover()) {
                    metrics.cacheTakenOver();
                    LOG.info(
                            "LLM cache lease on {} (model '{}') expired: this caller takes over the computation",
                            url,
                            model);
                }
                return computeAndStore(url, key, model, claim, computation);
            }
            if (!waited) {
                waited = true;
                metrics.cacheLeaseWaited();
                LOG.debug("LLM cache: waiting for another caller's analysis of {} (model '{}')", url, model);
            }
            Optional<CachedAnalysis> result = awaitResult(url, key, model);
            if (result.isPresent()) {
                return result.get();
            }
        }
    }

    /**
     * One short write transaction: claim the lease (new, or taking over an expired one), then look for the entry,
     * since the previous holder may have stored it and released its lease just before. Found: no lease is kept.
     */
    private Claim claim(String key, String model, Duration lease) {
        String token = UUID.randomUUID().toString();
        return owner.transaction(tx -> {
            Instant now = context.now();
            Instant expiresAt = now.plus(lease);
            String expires = InstantText.format(expiresAt);
            boolean claimed = update("claiming an LLM cache lease", CLAIM, key, model, token, expires) == 1;
            boolean takeover = !claimed
                    && update(
                                    "taking over an LLM cache lease",
                                    TAKE_OVER,
                                    token,
                                    expires,
                                    key,
                                    model,
                                    InstantText.format(now))
                            == 1;
            Optional<CachedAnalysis> entry = dao.find(key, model);
            if (entry.isPresent()) {
                if (claimed || takeover) {
                    update("releasing an LLM cache lease", RELEASE, key, model, token);
                }
                return new Claim(entry.get(), null, null, false);
            }
            return claimed || takeover
                    ? new Claim(null, token, expiresAt, takeover)
                    : new Claim(null, null, null, false);
        });
    }

    private <X extends Exception> CachedAnalysis computeAndStore(
            String url, String key, String model, Claim claim, AnalysisComputation<X> computation) throws X {
        metrics.cacheComputed();
        String json;
        try {
            json = computation.analyze();
            if (json == null) {
                throw new NullPointerException(
                        "the computation of " + url + " returned null: return the analysis JSON");
            }
        } catch (Throwable failure) {
            release(key, model, claim.token(), failure);
            throw failure;
        }
        return store(url, key, model, claim, json);
    }

    /**
     * Stores the result if the lease is still ours (deleting it by token is the fence); retried while the lease has not
     * expired when the write lock cannot be had. Fenced: the newer entry is returned if there is one, else this result
     * unstored.
     */
    private CachedAnalysis store(String url, String key, String model, Claim claim, String json) {
        while (true) {
            try {
                Optional<CachedAnalysis> stored = owner.transaction(
                        tx -> update("storing an LLM cache result", RELEASE, key, model, claim.token()) == 1
                                ? Optional.of(dao.write(url, key, model, json))
                                : Optional.<CachedAnalysis>empty());
                if (stored.isPresent()) {
                    return stored.get();
                }
                metrics.cacheFenced();
                LOG.warn(
                        "LLM cache lease on {} (model '{}') expired before its computation ended and another caller took "
                                + "over: this result was not stored; give getOrCompute a longer lease",
                        url,
                        model);
                return dao.find(key, model).orElseGet(() -> new CachedAnalysis(key, url, model, json, context.now()));
            } catch (DatabaseBusyException busy) {
                if (!context.now().isBefore(claim.expiresAt())) {
                    throw busy;
                }
                LOG.info(
                        "LLM cache: storing the analysis of {} found the database busy; retrying while the lease lasts",
                        url);
            }
        }
    }

    /** Gives the lease back after a failed computation; if that fails too, the lease expires by itself. */
    private void release(String key, String model, String token, Throwable failure) {
        try {
            update("releasing an LLM cache lease", RELEASE, key, model, token);
        } catch (StoreException releaseFailure) {
            failure.addSuppressed(releaseFailure);
        }
    }

    /**
     * Polls, holding no transaction, until the entry appears (returned) or the lease is gone or expired (empty: claim
     * again). Never waits past the lease's expiry by more than one poll.
     */
    private Optional<CachedAnalysis> awaitResult(String url, String key, String model) {
        long pause = FIRST_POLL_MILLIS;
        while (true) {
            sleep(pause, url);
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
            Optional<CachedAnalysis> entry = dao.find(key, model);
            if (entry.isPresent()) {
                return entry;
            }
            Optional<Instant> expiresAt = leaseExpiry(key, model);
            if (expiresAt.isEmpty() || !context.now().isBefore(expiresAt.get())) {
                return Optional.empty();
            }
        }
    }

    private Optional<Instant> leaseExpiry(String key, String model) {
        return context.read("reading an LLM cache lease", LEASE, statement -> {
            statement.setString(1, key);
            statement.setString(2, model);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(InstantText.parse(row.getString(1))) : Optional.empty();
            }
        });
    }

    private int update(String action, String sql, String... values) {
        return context.write(action, sql, statement -> {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            return statement.executeUpdate();
        });
    }

    private static void sleep(long millis, String url) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheWaitInterruptedException(
                    "interrupted while waiting for another caller's analysis of " + url
                            + "; nothing was computed by this caller",
                    e);
        }
    }

    /**
     * What a claim found.
     *
     * @param found     the entry, already cached (no lease kept)
     * @param token     the lease's owner token when this caller holds it
     * @param expiresAt when that lease expires
     * @param takeover  whether it was taken over from an expired holder
     */
    private record Claim(CachedAnalysis found, String token, Instant expiresAt, boolean takeover) {}
}
