package dev.forensics.store.testing;

import dev.forensics.store.Database;
import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.postgres.PostgresDatabase;
import dev.forensics.store.sqlite.SqliteDatabase;
import java.nio.file.Path;

/**
 * A freshly migrated database of one vendor for one test; {@link #close()} closes the PostgreSQL pool (a SQLite
 * file needs no closing). Used by the suites that must behave the same on both databases.
 *
 * @param database what to give {@code new Repository(...)}
 * @param url      how another process reaches it: a file path or a JDBC URL
 */
public record TestDatabase(Database database, String url) implements AutoCloseable {

    /** The two databases the library supports. */
    public enum Vendor {
        SQLITE,
        POSTGRESQL;

        /** A new, migrated database of this vendor with these options; SQLite files go into {@code dir}. */
        public TestDatabase migrated(Path dir, StoreOptions options) {
            TestDatabase db;
            if (this == SQLITE) {
                Path file = dir.resolve("forensics.db");
                db = new TestDatabase(new SqliteDatabase(file, options), file.toString());
            } else {
                String url = EmbeddedPostgresServer.newSchemaUrl();
                db = new TestDatabase(PostgresDatabase.open(url, null, null, options), url);
            }
            Repository.migrate(db.database());
            return db;
        }

        /** A new, migrated database of this vendor with the default options. */
        public TestDatabase migrated(Path dir) {
            return migrated(dir, StoreOptions.defaults());
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
