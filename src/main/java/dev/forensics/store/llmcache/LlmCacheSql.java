package dev.forensics.store.llmcache;

import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The SQL of {@link LlmCacheDao} but the hot statements, which it runs on JDBC itself; portable between SQLite and PostgreSQL. */
interface LlmCacheSql {
    @SqlUpdate("DELETE FROM llm_cache WHERE url_hash = :urlHash")
    int delete(String urlHash);

    @SqlUpdate("DELETE FROM llm_cache WHERE url_hash = :urlHash AND model = :model")
    int delete(String urlHash, String model);
}
