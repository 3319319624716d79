-- Marks the file as a forensics-store database: SQLite's application_id, ASCII 'FRNS' = 0x46524E53 = 1179799123.
-- Opening or migrating a file that carries another non-zero application_id fails with ForeignDatabaseException
-- (SqliteDatabase.APPLICATION_ID must equal this value).
PRAGMA application_id = 1179799123;
