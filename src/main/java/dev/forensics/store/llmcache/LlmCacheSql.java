package dev.forensics.store.llmcache;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;

/** The SQL of {@link LlmCacheDao} but get and put, which it runs on JDBC itself; portable between SQLite and PostgreSQL. */
@RegisterConstructorMapper(CacheStats.class)
interface LlmCacheSql {
    @SqlUpdate("DELETE FROM llm_cache WHERE url_hash = :urlHash")
    int delete(String urlHash);

    @SqlUpdate("DELETE FROM llm_cache WHERE cached_at < :cutoff")
    int prune(Instant cutoff);

    @SqlQuery("SELECT count(*) AS entries, count(DISTINCT model) AS models, min(cached_at) AS oldest, max(cached_at) AS newest FROM llm_cache")
    CacheStats stats();
}
