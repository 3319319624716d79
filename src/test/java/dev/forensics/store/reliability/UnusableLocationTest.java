package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.errors.DatabaseLocationException;
import dev.forensics.store.errors.ReadOnlyDatabaseException;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.ScratchMount;
import dev.forensics.store.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database path that cannot hold a database: a typed error that names the path and the fix, nothing created
 * where it should not be, and the data committed before intact. Read-only cases use a read-only mount (skipped
 * with a printed reason where {@code mount} is not permitted).
 */
class UnusableLocationTest {
    private static final String URL = "https://before.example/1";
    private static final String JSON = "{\"committed\":\"before\"}";

    @TempDir
    Path dir;

    @Test
    void aDirectoryThatDoesNotExistIsADatabaseLocationErrorForOpenAndMigrateAndNothingIsCreated() {
        Path missing = dir.resolve("no-such-dir");
        Path file = missing.resolve("forensics.db");

        assertThatThrownBy(() -> new Repository(file))
                .isInstanceOf(DatabaseLocationException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Repository.migrate(file))
                .isInstanceOf(DatabaseLocationException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aPathThatIsADirectoryIsADatabaseLocationErrorForOpenAndMigrateAndTheDirectoryIsUntouched() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("forensics.db"));

        assertThatThrownBy(() -> new Repository(folder))
                .isInstanceOf(DatabaseLocationException.class)
                .hasMessageContaining(folder.toString())
                .hasMessageContaining("is a directory");
        assertThatThrownBy(() -> Repository.migrate(folder))
                .isInstanceOf(DatabaseLocationException.class)
                .hasMessageContaining("is a directory");
        try (Stream<Path> entries = Files.list(folder)) {
            assertThat(entries).isEmpty();
        }
        assertThat(dir.resolve("forensics.db.migrate-lock")).doesNotExist();
    }

    @Test
    void aReadOnlyDirectoryIsAReadOnlyErrorForOpenAndMigrateAndTheCommittedDataSurvives() {
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("mnt"), "4m")) {
            Path db = TestFiles.migrated(mount.path());
            writeBefore(db);
            mount.remountReadOnly();

            // Cleanly closed, the file has no -wal/-shm, and WAL cannot create them in a read-only directory.
            assertThatThrownBy(() -> new Repository(db))
                    .isInstanceOf(ReadOnlyDatabaseException.class)
                    .hasMessageContaining(db.toString())
                    .hasMessageContaining("writable");
            assertThatThrownBy(() -> Repository.migrate(db))
                    .isInstanceOf(ReadOnlyDatabaseException.class)
                    .hasMessageContaining(db.toString())
                    .hasMessageContaining("writable");

            mount.remountReadWrite();
            assertCommittedBeforeIntact(db);
        }
    }

    @Test
    void aReadOnlyFileInAWritableDirectoryRefusesWritesWithAReadOnlyErrorAndKeepsItsData() {
        Path db = TestFiles.migrated(dir);
        writeBefore(db);
        try (ScratchMount mount = ScratchMount.readOnlyFile(db)) {
            assertThatThrownBy(() -> {
                        try (Repository repo = new Repository(db)) {
                            repo.llmCache().put("https://after.example/1", "{}");
                        }
                    })
                    .isInstanceOf(ReadOnlyDatabaseException.class)
                    .hasMessageContaining(db.toString())
                    .hasMessageContaining("writable");
        }
        assertCommittedBeforeIntact(db);
        assertThat(DatabaseProbe.count(db, "llm_cache")).isEqualTo(1);
    }

    private static void writeBefore(Path db) {
        try (Repository repo = new Repository(db)) {
            repo.llmCache().put(URL, JSON);
        }
    }

    private static void assertCommittedBeforeIntact(Path db) {
        try (Repository repo = new Repository(db)) {
            assertThat(repo.llmCache().get(URL))
                    .get()
                    .satisfies(hit -> assertThat(hit.analysisJson()).isEqualTo(JSON));
        }
        assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
    }
}
