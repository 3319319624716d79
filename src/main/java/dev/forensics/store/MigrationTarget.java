package dev.forensics.store;

import dev.forensics.store.schema.MigrationLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;

/**
 * The migration role of a {@link Database}: where Flyway finds its SQL and connections, how concurrent migrations
 * take turns, whose database it is, and which schema version it holds. Used by {@code schema.Migrator} and by a
 * Repository's schema check when it opens.
 */
public interface MigrationTarget {

    /** The folder of {@code migrations/} that holds this database's SQL: {@code sqlite} or {@code postgresql}. */
    String vendor();

    /**
     * A DataSource for Flyway that may create the database; Flyway opens and closes its connections.
     *
     * @throws StoreException a typed subclass when the location cannot hold a database
     */
    DataSource migrationDataSource();

    /**
     * A private, throwaway database of this vendor that Flyway may migrate only to load and compile the migration code
     * before a real migration is due ({@code schema.Migrator.rehearseInBackground}), or empty when the vendor offers
     * none (the default). SQLite: a new shared-cache in-memory database, gone when its last connection closes.
     */
    default Optional<DataSource> rehearsalDataSource() {
        return Optional.empty();
    }

    /** Takes the lock that makes concurrent migrations of this database take turns; blocks until it is had. */
    MigrationLock migrationLock();

    /** The schema version recorded by Flyway on this connection, or empty when it was never migrated. */
    OptionalInt appliedSchemaVersion(Connection connection) throws SQLException;

    /**
     * The schema version a Repository checks when it opens on {@code connection}. By default
     * {@link #appliedSchemaVersion(Connection)}, a query at every open; a vendor for which that query is a network
     * round trip may answer from a recent check that found the current version (PostgreSQL: within
     * {@code PostgresDatabase.SCHEMA_RECHECK}). A version that is missing, older or newer is never remembered.
     */
    default OptionalInt schemaVersionAtOpen(Connection connection) throws SQLException {
        return appliedSchemaVersion(connection);
    }

    /**
     * Refuses, before anything is migrated, a database that belongs to another application. SQLite checks the file's
     * {@code application_id}; the default does nothing.
     *
     * @throws dev.forensics.store.errors.ForeignDatabaseException naming the database when it is another application's
     */
    default void checkOwnership() {}
}
