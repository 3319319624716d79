-- The LLM cache keyed by (URL hash, model), so that two models' analyses of one URL live side by side (issue 14,
-- ADR-013). Every V3 entry is kept with its model. New columns: used_at, the last read or write (LRU eviction; reads
-- are recorded in batches, ADR-013), and bytes, the UTF-8 size of analysis_json (the byte bound).
CREATE TABLE llm_cache_v4 (
    url_hash       TEXT NOT NULL,
    model          TEXT NOT NULL DEFAULT '',
    url            TEXT NOT NULL,
    analysis_json  TEXT NOT NULL,
    cached_at      TEXT NOT NULL,
    used_at        TEXT NOT NULL,
    bytes          INTEGER NOT NULL,
    PRIMARY KEY (url_hash, model)
);

INSERT INTO llm_cache_v4 (url_hash, model, url, analysis_json, cached_at, used_at, bytes)
SELECT url_hash, model, url, analysis_json, cached_at, cached_at, length(CAST(analysis_json AS BLOB)) FROM llm_cache;

DROP TABLE llm_cache;
ALTER TABLE llm_cache_v4 RENAME TO llm_cache;
CREATE INDEX llm_cache_cached_at ON llm_cache (cached_at);
CREATE INDEX llm_cache_used_at ON llm_cache (used_at);

-- One row: the entry count and byte total, kept by the triggers below, so that a bounded put checks the bound with
-- one indexed read instead of counting the table (SQLite serialises writers anyway; PostgreSQL's V4 appends deltas).
CREATE TABLE llm_cache_size (
    id       INTEGER NOT NULL PRIMARY KEY,
    entries  INTEGER NOT NULL,
    bytes    INTEGER NOT NULL
);
INSERT INTO llm_cache_size (id, entries, bytes) SELECT 1, count(*), coalesce(sum(bytes), 0) FROM llm_cache;

CREATE TRIGGER llm_cache_size_insert AFTER INSERT ON llm_cache
BEGIN
    UPDATE llm_cache_size SET entries = entries + 1, bytes = bytes + NEW.bytes WHERE id = 1;
END;

CREATE TRIGGER llm_cache_size_delete AFTER DELETE ON llm_cache
BEGIN
    UPDATE llm_cache_size SET entries = entries - 1, bytes = bytes - OLD.bytes WHERE id = 1;
END;

CREATE TRIGGER llm_cache_size_update AFTER UPDATE OF bytes ON llm_cache
BEGIN
    UPDATE llm_cache_size SET bytes = bytes - OLD.bytes + NEW.bytes WHERE id = 1;
END;

-- The bound the latest bounded writer enforced (shown by `cache stats`; 0 = none); written only when it changes.
CREATE TABLE llm_cache_bound (
    id           INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    max_entries  INTEGER NOT NULL,
    max_bytes    INTEGER NOT NULL
);
INSERT INTO llm_cache_bound (id, max_entries, max_bytes) VALUES (1, 0, 0);

-- Single flight (getOrCompute): the caller computing an entry holds a lease on its key; owner is a random token
-- checked when the result is stored (fencing), expires_at the instant after which a waiter may take over.
CREATE TABLE llm_cache_lease (
    url_hash    TEXT NOT NULL,
    model       TEXT NOT NULL,
    owner       TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    PRIMARY KEY (url_hash, model)
);
