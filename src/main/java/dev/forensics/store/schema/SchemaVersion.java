package dev.forensics.store.schema;

import dev.forensics.store.Remedy;
import dev.forensics.store.errors.SchemaNotMigratedException;
import dev.forensics.store.errors.SchemaTooNewException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;

/** The schema version this library was built for, and the check made each time a Repository opens. */
public final class SchemaVersion {

    /** The highest migration in {@code migrations/}; a test fails when the two disagree. */
    public static final int LATEST = 4;

    private static final String APPLIED_VERSION =
            "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";

    private SchemaVersion() {}

    /**
     * The highest version Flyway applied successfully on {@code connection} (same SQL on every vendor), or empty when
     * its history is empty. The history table must exist: each vendor checks that its own way first.
     */
    public static OptionalInt applied(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery(APPLIED_VERSION)) {
            return version.next() ? OptionalInt.of(Integer.parseInt(version.getString(1))) : OptionalInt.empty();
        }
    }

    /**
     * Checks a database's applied version against {@link #LATEST}.
     *
     * @throws SchemaNotMigratedException when it was never migrated or is older than this library ({@link Remedy#MIGRATE})
     * @throws SchemaTooNewException      when a newer version of this library migrated it
     */
    public static void verify(OptionalInt applied, String displayName) {
        if (applied.isEmpty()) {
            throw new SchemaNotMigratedException(displayName + " has no forensics-store schema", Remedy.MIGRATE, null);
        }
        int version = applied.getAsInt();
        if (version < LATEST) {
            throw new SchemaNotMigratedException(
                    displayName + " is at schema version " + version + " but this library needs " + LATEST,
                    Remedy.MIGRATE,
                    null);
        }
        if (version > LATEST) {
            throw new SchemaTooNewException(displayName + " is at schema version " + version
                    + ", newer than this library's " + LATEST + ": upgrade forensics-store before using this database");
        }
    }
}
