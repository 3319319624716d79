-- A migration from a newer forensics-store than this build: applied with Flyway by SchemaDriftTest so that the
-- database's schema version is ahead of SchemaVersion.LATEST.
CREATE TABLE feature_from_the_future (
    id    INTEGER PRIMARY KEY,
    note  TEXT NOT NULL
);
