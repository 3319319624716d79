package dev.forensics.store.llmcache;

import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The SQL of {@link LlmCacheDao} but the hot statements, which it runs on JDBC itself; portable between SQLite and PostgreSQL. */
@RegisterConstructorMapper(LlmCacheSql.Ages.class)
interface LlmCacheSql {
    @SqlUpdate("DELETE FROM llm_cache WHERE url_hash = :urlHash")
    int delete(String urlHash);

    @SqlUpdate("DELETE FROM llm_cache WHERE url_hash = :urlHash AND model = :model")
    int delete(String urlHash, String model);

    @SqlUpdate("DELETE FROM llm_cache WHERE cached_at < :cutoff")
    int prune(Instant cutoff);

    @SqlQuery("SELECT min(cached_at) AS oldest, max(cached_at) AS newest FROM llm_cache")
    Ages ages();

    @SqlQuery("SELECT model, count(*) AS entries FROM llm_cache GROUP BY model")
    @KeyColumn("model")
    @ValueColumn("entries")
    Map<String, Long> entriesByModel();

    /**
     * The age range of the entries.
     *
     * @param oldest the oldest {@code cached_at}, or {@code null} when empty
     * @param newest the newest {@code cached_at}, or {@code null} when empty
     */
    record Ages(Instant oldest, Instant newest) {}
}
