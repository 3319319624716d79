-- The LLM step's analysis cache: one entry per URL, keyed by the SHA-256 hex of the URL (as migrations/sqlite/V2).
-- model is the model/prompt version that produced the analysis ('' when the caller gave none).
CREATE TABLE llm_cache (
    url_hash       TEXT NOT NULL PRIMARY KEY,
    url            TEXT NOT NULL,
    model          TEXT NOT NULL DEFAULT '',
    analysis_json  TEXT NOT NULL,
    cached_at      TEXT COLLATE "C" NOT NULL
);

CREATE INDEX llm_cache_cached_at ON llm_cache (cached_at);
