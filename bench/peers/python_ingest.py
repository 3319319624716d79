#!/usr/bin/env python3
"""The peer of `forensics-store ingest` in BENCHMARKS.md: the obvious loader a Python user would write with the
standard library's sqlite3 for the same JSON Lines file and an equivalent schema (the same tables, indexes, PRAGMAs,
content hash and timestamps as migrations/sqlite). Parse, upsert authors, executemany the articles in one
BEGIN IMMEDIATE ... COMMIT.

    python3 bench/peers/python_ingest.py FILE.jsonl DB
"""
import datetime
import hashlib
import json
import re
import sqlite3
import sys
import unicodedata

SCHEMA = """
CREATE TABLE IF NOT EXISTS authors (id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE,
    author_id INTEGER NOT NULL REFERENCES authors (id), title TEXT, published_at TEXT, body TEXT, content_hash TEXT,
    fetched_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_author_id ON articles (author_id);
"""
UPSERT_ARTICLE = """INSERT INTO articles (url, author_id, title, published_at, body, content_hash, fetched_at,
    created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (url) DO NOTHING"""
UPSERT_AUTHOR = """INSERT INTO authors (slug, name, created_at, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (slug) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at RETURNING id"""


def slugify(name):
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def main(path, db):
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute("PRAGMA foreign_keys=ON")
    con.executescript(SCHEMA)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    authors = {}
    rows = []
    con.execute("BEGIN IMMEDIATE")
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            slug = a.get("author_slug") or slugify(a["author"])
            if slug not in authors:
                authors[slug] = con.execute(UPSERT_AUTHOR, (slug, a["author"], now, now)).fetchone()[0]
            body = a.get("body")
            digest = hashlib.sha256(body.encode("utf-8")).hexdigest() if body is not None else None
            rows.append((a["url"], authors[slug], a.get("title"), a.get("published_at"), body, digest,
                         now if body is not None else None, now, now))
    con.executemany(UPSERT_ARTICLE, rows)
    con.execute("COMMIT")
    con.close()
    print(f"inserted {len(rows)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
