package dev.forensics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.errors.CorruptDatabaseException;
import dev.forensics.store.errors.DatabaseLocationException;
import dev.forensics.store.errors.SchemaNotMigratedException;
import dev.forensics.store.errors.SchemaTooNewException;
import dev.forensics.store.schema.SchemaVersion;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryTest {
    @TempDir
    Path dir;

    private static String pragma(Repository repo, String name) {
        return repo.withHandle(
                h -> h.createQuery("PRAGMA " + name).mapTo(String.class).one());
    }

    @Test
    void heldConnectionIsInWalModeWithNormalSyncForeignKeysAndTheBusyTimeout() {
        Path file = TestFiles.migrated(dir);
        try (var repo = new Repository(file, StoreOptions.defaults().withBusyTimeout(Duration.ofMillis(1234)))) {
            assertThat(pragma(repo, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(repo, "synchronous")).isEqualTo("1");
            assertThat(pragma(repo, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(repo, "busy_timeout")).isEqualTo("1234");
        }
    }

    @Test
    void anInsertOnTheHeldConnectionRunsNoGeneratedKeysQueryAndReturningGivesTheId() throws Exception {
        Path file = TestFiles.migrated(dir);
        try (var repo = new Repository(file)) {
            repo.withHandle(h -> {
                try (var insert = h.getConnection()
                        .prepareStatement("INSERT INTO authors (slug, name, created_at, updated_at)"
                                + " VALUES ('a', 'A', 't', 't')")) {
                    assertThat(insert.executeUpdate()).isEqualTo(1);
                    assertThat(insert.getGeneratedKeys().next())
                            .as("sqlite-jdbc ran SELECT last_insert_rowid() after the INSERT")
                            .isFalse();
                }
                long id = h.createQuery("INSERT INTO authors (slug, name, created_at, updated_at)"
                                + " VALUES ('b', 'B', 't', 't') RETURNING id")
                        .mapTo(Long.class)
                        .one();
                assertThat(id).isEqualTo(2);
                return null;
            });
        }
    }

    @Test
    void defaultBusyTimeoutIsFiveSeconds() {
        Path file = TestFiles.migrated(dir);
        try (var repo = new Repository(file)) {
            assertThat(pragma(repo, "busy_timeout")).isEqualTo("5000");
        }
    }

    @Test
    void openingAFileThatDoesNotExistFailsWithTheMigrateRemedyAndCreatesNothing() {
        Path file = dir.resolve("missing.db");
        assertThatThrownBy(() -> new Repository(file))
                .isInstanceOf(SchemaNotMigratedException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("Repository.migrate")
                .hasMessageNotContaining("forensics-store")
                .extracting(e -> ((StoreException) e).remedy())
                .isEqualTo(Remedy.MIGRATE);
        assertThat(file).doesNotExist();
    }

    @Test
    void openingAnEmptyUnmigratedDatabaseFailsWithSchemaNotMigrated() throws Exception {
        Path file = dir.resolve("empty.db");
        Files.createFile(file);
        assertThatThrownBy(() -> new Repository(file))
                .isInstanceOf(SchemaNotMigratedException.class)
                .hasMessageContaining("migrate it first with Repository.migrate")
                .extracting(e -> ((StoreException) e).remedy())
                .isEqualTo(Remedy.MIGRATE);
    }

    @Test
    void openingADatabaseMigratedByANewerLibraryFailsWithSchemaTooNew() {
        Path file = TestFiles.migrated(dir);
        try (var repo = new Repository(file)) {
            repo.withHandle(
                    h -> h.execute(
                            "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                                    + "checksum, installed_by, execution_time, success) VALUES (999, '999', 'from the future', 'SQL', 'V999__x.sql', 0, 'test', 0, 1)"));
        }
        assertThatThrownBy(() -> new Repository(file))
                .isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining("version 999")
                .hasMessageContaining(String.valueOf(SchemaVersion.LATEST));
    }

    @Test
    void openingInAMissingDirectoryFailsWithTheDirectoryNamed() {
        Path file = dir.resolve("nowhere").resolve("forensics.db");
        assertThatThrownBy(() -> new Repository(file))
                .isInstanceOf(DatabaseLocationException.class)
                .hasMessageContaining(dir.resolve("nowhere").toString());
    }

    @Test
    void openingATextFileFailsWithCorruptDatabaseAndLeavesItUntouched() throws Exception {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "this is a shopping list, not a database\n".repeat(200));
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> new Repository(file)).isInstanceOf(CorruptDatabaseException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void closeIsIdempotentAndAClosedRepositoryRefusesWork() {
        Path file = TestFiles.migrated(dir);
        var repo = new Repository(file);
        repo.close();
        repo.close();
        assertThatThrownBy(repo::authors)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void openCountFollowsOpenAndClose() {
        Path file = TestFiles.migrated(dir);
        int before = Repository.openCount();
        try (var repo = new Repository(file)) {
            assertThat(Repository.openCount()).isEqualTo(before + 1);
        }
        assertThat(Repository.openCount()).isEqualTo(before);
    }

    @Test
    void aThousandOpenCloseCyclesIncludingThrowingBlocksReturnTheDescriptorCountToItsStart() {
        Path file = TestFiles.migrated(dir);
        try (var warmUp = new Repository(file)) {
            warmUp.articles().count();
        }
        long before = TestFiles.openFileDescriptorsOn(file);
        int thrown = 0;
        for (int i = 0; i < 1_000; i++) {
            try (var repo = new Repository(file)) {
                repo.articles().existsByUrl("https://example.com/" + i);
                if (i % 2 == 0) {
                    throw new IllegalStateException("block " + i + " fails");
                }
            } catch (IllegalStateException expected) {
                thrown++;
            }
        }
        long after = TestFiles.openFileDescriptorsOn(file);
        System.out.println("FIGURE repository-open-close cycles=1000 thrown=" + thrown + " db-fd-before=" + before
                + " db-fd-after=" + after);
        assertThat(thrown).isEqualTo(500);
        assertThat(after)
                .as("descriptors open on the database file and its -wal/-shm")
                .isEqualTo(before)
                .isZero();
    }
}
