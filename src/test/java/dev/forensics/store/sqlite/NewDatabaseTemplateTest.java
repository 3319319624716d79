package dev.forensics.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.StoreOptions;
import dev.forensics.store.schema.Migrator;
import dev.forensics.store.testing.DatabaseProbe;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The empty database shipped in the jar, that a new file built aside starts from (ADR-019), is what Flyway makes of
 * migrations/ in this build: same schema, same history, checksums included.
 */
class NewDatabaseTemplateTest {
    private static final String SCHEMA =
            "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master" + " ORDER BY type, name";
    private static final String HISTORY = "SELECT installed_rank || ' ' || version || ' ' || description || ' ' || type"
            + " || ' ' || script || ' ' || checksum || ' ' || success FROM flyway_schema_history ORDER BY installed_rank";

    @TempDir
    Path dir;

    @Test
    void theTemplateHoldsTheSchemaAndHistoryThatFlywayMakesOfTheMigrations() throws Exception {
        Path copy = dir.resolve("copy.db");
        Path migrated = dir.resolve("migrated.db");
        Migrator.migrate(new SqliteDatabase(migrated, StoreOptions.defaults()));

        assertThat(NewDatabaseTemplate.copyTo(copy))
                .as("this build ships a template")
                .isTrue();

        assertThat(DatabaseProbe.strings(copy, SCHEMA)).isEqualTo(DatabaseProbe.strings(migrated, SCHEMA));
        assertThat(DatabaseProbe.strings(copy, HISTORY)).isEqualTo(DatabaseProbe.strings(migrated, HISTORY));
        assertThat(DatabaseProbe.strings(copy, "PRAGMA application_id"))
                .containsExactly(Integer.toString(SqliteDatabase.APPLICATION_ID));
    }

    @Test
    void aCopyOfTheTemplatePassesFlywaysValidationAsAMigratedFile() throws Exception {
        Path copy = dir.resolve("copy.db");
        NewDatabaseTemplate.copyTo(copy);

        Migrator.validate(new SqliteDatabase(copy, StoreOptions.defaults()));

        assertThat(Migrator.migrate(new SqliteDatabase(copy, StoreOptions.defaults()))
                        .applied())
                .as("nothing left to apply")
                .isEmpty();
    }
}
