-- Authors and the articles scraped from them. Times are ISO-8601 UTC text with 9 fraction digits,
-- fixed width, so that text order is time order.
CREATE TABLE authors (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    url           TEXT    NOT NULL UNIQUE,
    author_id     INTEGER NOT NULL REFERENCES authors (id),
    title         TEXT,
    published_at  TEXT,
    body          TEXT,
    content_hash  TEXT,
    fetched_at    TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

CREATE INDEX articles_author_id ON articles (author_id);
