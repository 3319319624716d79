package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.errors.MigrationFailedException;
import dev.forensics.store.errors.SchemaTooNewException;
import dev.forensics.store.schema.Migrator;
import dev.forensics.store.schema.SchemaVersion;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema that is not the one this build ships: migrated by a newer library, or by a migration file edited after it
 * was applied. The library refuses with a typed error that says what to do, and touches none of the data.
 */
class SchemaDriftTest {
    private static final String URL = "https://before.example/1";
    private static final String JSON = "{\"committed\":\"before\"}";

    @TempDir
    Path dir;

    @Test
    void aDatabaseMigratedByANewerLibraryIsRefusedByOpenAndByMigrateAndKeepsItsData() {
        Path db = TestFiles.migrated(dir);
        writeBefore(db);
        flyway(db, "classpath:db/migration/sqlite", "classpath:db/future-migration")
                .migrate();

        assertThatThrownBy(() -> new Repository(db))
                .isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining(db.toString())
                .hasMessageContaining("999")
                .hasMessageContaining("upgrade forensics-store");
        assertThatThrownBy(() -> Repository.migrate(db))
                .isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining("999")
                .hasMessageContaining("will not migrate");

        assertThat(DatabaseProbe.strings(db, "SELECT analysis_json FROM llm_cache WHERE url = '" + URL + "'"))
                .containsExactly(JSON);
        assertThat(DatabaseProbe.strings(db, "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history"))
                .containsExactly("999");
    }

    @Test
    void aMigrationEditedAfterItWasAppliedFailsValidateAndMigrateWithAMigrationErrorAndKeepsTheData()
            throws IOException {
        Path edited = Files.createDirectory(dir.resolve("edited-migrations"));
        try (Stream<Path> shipped = Files.list(Path.of("migrations", "sqlite"))) {
            for (Path migration : shipped.toList()) {
                Files.copy(migration, edited.resolve(migration.getFileName()));
            }
        }
        Path v2 = edited.resolve("V2__create_llm_cache.sql");
        Files.writeString(
                v2, Files.readString(v2).replace("TEXT NOT NULL DEFAULT ''", "TEXT NOT NULL DEFAULT 'unknown'"));
        Path db = dir.resolve("forensics.db");
        flyway(db, "filesystem:" + edited).migrate();
        writeBefore(db);
        SqliteDatabase database = new SqliteDatabase(db, StoreOptions.defaults());

        assertThatThrownBy(() -> Migrator.validate(database))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining(db.toString())
                .hasMessageContaining("checksum")
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> Repository.migrate(db))
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining(db.toString())
                .hasMessageContaining("checksum");

        try (Repository repo = new Repository(db)) {
            assertThat(repo.llmCache().get(URL))
                    .get()
                    .satisfies(hit -> assertThat(hit.analysisJson()).isEqualTo(JSON));
        }
        assertThat(DatabaseProbe.count(db, "flyway_schema_history")).isEqualTo(SchemaVersion.LATEST);
    }

    private static Flyway flyway(Path db, String... locations) {
        return Flyway.configure()
                .dataSource("jdbc:sqlite:" + db, null, null)
                .locations(locations)
                .loggers("slf4j")
                .load();
    }

    private static void writeBefore(Path db) {
        try (Repository repo = new Repository(db)) {
            repo.llmCache().put(URL, JSON);
        }
    }
}
