package dev.forensics.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.StoreOptions;
import dev.forensics.store.sqlite.SqliteDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration rehearsal that warms Flyway up during an ingest's validation (ADR-017). */
class MigrationRehearsalTest {
    @TempDir
    Path dir;

    @Test
    void aRehearsalRunsEveryMigrationWithoutCreatingOrTouchingTheDatabase() throws Exception {
        Path file = dir.resolve("forensics.db");
        SqliteDatabase database = new SqliteDatabase(file, StoreOptions.defaults());

        CompletableFuture<Void> rehearsal =
                Migrator.rehearseInBackground(database).orElseThrow();
        rehearsal.get(5, TimeUnit.MINUTES); // throws when Flyway failed on the rehearsal database

        assertThat(file).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("nothing written beside it").isEmpty();
        }
    }

    @Test
    void theRealMigrationAfterARehearsalBringsTheDatabaseToTheLatestVersion() throws Exception {
        SqliteDatabase database = new SqliteDatabase(dir.resolve("forensics.db"), StoreOptions.defaults());
        Migrator.rehearseInBackground(database).orElseThrow().get(5, TimeUnit.MINUTES);

        MigrationReport report = Migrator.migrate(database);

        assertThat(report.toVersion()).isEqualTo(String.valueOf(SchemaVersion.LATEST));
    }
}
