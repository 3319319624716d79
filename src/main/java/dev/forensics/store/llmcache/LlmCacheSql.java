package dev.forensics.store.llmcache;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Optional;

/** The SQL of {@link LlmCacheDao}; portable between SQLite and PostgreSQL. */
@RegisterConstructorMapper(CachedAnalysis.class)
@RegisterConstructorMapper(CacheStats.class)
interface LlmCacheSql {
    String COLUMNS = "url_hash, url, model, analysis_json, cached_at";

    @SqlQuery("SELECT " + COLUMNS + " FROM llm_cache WHERE url_hash = :urlHash")
    Optional<CachedAnalysis> find(String urlHash);

    @SqlQuery("SELECT " + COLUMNS + " FROM llm_cache WHERE url_hash = :urlHash AND model = :model")
    Optional<CachedAnalysis> find(String urlHash, String model);

    @SqlUpdate("INSERT INTO llm_cache (url_hash, url, model, analysis_json, cached_at) VALUES (:urlHash, :url, :model, :analysisJson, :now) "
            + "ON CONFLICT (url_hash) DO UPDATE SET url = excluded.url, model = excluded.model, "
            + "analysis_json = excluded.analysis_json, cached_at = excluded.cached_at")
    int put(String urlHash, String url, String model, String analysisJson, Instant now);

    @SqlUpdate("DELETE FROM llm_cache WHERE url_hash = :urlHash")
    int delete(String urlHash);

    @SqlUpdate("DELETE FROM llm_cache WHERE cached_at < :cutoff")
    int prune(Instant cutoff);

    @SqlQuery("SELECT count(*) AS entries, count(DISTINCT model) AS models, min(cached_at) AS oldest, max(cached_at) AS newest FROM llm_cache")
    CacheStats stats();
}
