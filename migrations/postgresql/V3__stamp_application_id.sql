-- SQLite's V3 stamps the file's application_id; PostgreSQL has no such header. This migration keeps the schema
-- versions of both vendors equal (SchemaVersion.LATEST) and changes nothing.
SELECT 1;
