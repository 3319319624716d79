package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.errors.DatabaseLocationException;
import dev.forensics.store.errors.ForeignDatabaseException;
import dev.forensics.store.errors.SchemaNotMigratedException;
import dev.forensics.store.errors.StoreInterruptedException;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.sqlite.SqliteMaintenance;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths that must be refused before SQLite touches them, and paths that must be read the way SQLite reads them. Each
 * case failed before issue 11: a FIFO hung the open forever, a hard-linked file was opened (two names, two WALs: SQLite's
 * "How To Corrupt An SQLite Database File"), an interrupted thread opened another application's file and switched it
 * to WAL, a 0-byte file got a header written into it, and the WAL of a database reached through a symbolic link was
 * reported as 0 bytes.
 */
class UnsafeDatabaseFileTest {
    /** Only a guard against a hang: a refusal is immediate; the case it guards hung forever before the fix. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void aFifoIsRefusedAsNotARegularFileByOpenAndMigrateInsteadOfHanging() throws Exception {
        Path fifo = dir.resolve("pipe.db");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString())
                        .inheritIO()
                        .start()
                        .waitFor())
                .isZero();

        assertTimeoutPreemptively(HANG_GUARD, () -> {
            assertThatThrownBy(() -> new Repository(fifo))
                    .isInstanceOf(DatabaseLocationException.class)
                    .hasMessageContaining(fifo.toString())
                    .hasMessageContaining("not a regular file");
            assertThatThrownBy(() -> Repository.migrate(fifo))
                    .isInstanceOf(DatabaseLocationException.class)
                    .hasMessageContaining("not a regular file");
        });
        assertThat(dir.resolve("pipe.db.migrate-lock")).doesNotExist();
        assertThat(Files.isRegularFile(fifo)).isFalse();
    }

    @Test
    void aDatabaseFileWithASecondHardLinkIsRefusedUnderBothNamesAndLeftUntouched() throws Exception {
        Path file = TestFiles.migrated(dir, "a.db");
        Path second = Files.createLink(dir.resolve("b.db"), file);
        byte[] before = Files.readAllBytes(file);

        for (Path name : new Path[] {file, second}) {
            assertThatThrownBy(() -> new Repository(name))
                    .isInstanceOf(DatabaseLocationException.class)
                    .hasMessageContaining(name.toString())
                    .hasMessageContaining("2 hard links")
                    .hasMessageContaining("howtocorrupt");
            assertThatThrownBy(() -> Repository.migrate(name))
                    .isInstanceOf(DatabaseLocationException.class)
                    .hasMessageContaining("hard links");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(dir.resolve("a.db-wal")).doesNotExist();
        assertThat(dir.resolve("b.db-wal")).doesNotExist();

        Files.delete(second);
        try (Repository repo = new Repository(file)) {
            assertThat(repo.authors().count()).as("one name again: opens").isZero();
        }
    }

    @Test
    void aNewFileStillLinkedUnderItsPrivateNameWhileItIsPublishedOpensAsOneWithASingleName() throws Exception {
        Path file = TestFiles.migrated(dir, "new.db");
        // The moment between link(2) and unlink(2) of a publish (ADR-019): the second name is the build's, which nobody
        // opens as a database.
        Files.createLink(dir.resolve(".new.db.build-4194305-1.tmp"), file);

        try (Repository repo = new Repository(file)) {
            assertThat(repo.authors().count()).isZero();
        }
    }

    @Test
    void aSymbolicLinkToADatabaseIsFineAndItsWalIsMeasuredBesideTheTarget() throws Exception {
        Path target = TestFiles.migrated(Files.createDirectory(dir.resolve("real")), "forensics.db");
        Path link = Files.createSymbolicLink(dir.resolve("link.db"), target);
        try (Repository writer = new Repository(link)) {
            writer.authors().upsert("a", "A");
            long walOnDisk = Files.size(target.resolveSibling("forensics.db-wal"));
            long reported = new SqliteDatabase(link, StoreOptions.defaults())
                    .capability(SqliteMaintenance.class)
                    .orElseThrow()
                    .walBytes();
            System.out.println("FIGURE symlinked-wal wal-on-disk=" + walOnDisk + " reported=" + reported);
            assertThat(walOnDisk).isPositive();
            assertThat(reported).isEqualTo(walOnDisk);
        }
        assertThat(dir.resolve("link.db-wal")).doesNotExist();
    }

    @Test
    void aZeroByteFileIsReportedAsNotMigratedAndStaysZeroBytesWithNoWalBesideIt() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.db"));

        assertThatThrownBy(() -> new Repository(empty))
                .isInstanceOf(SchemaNotMigratedException.class)
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("empty");

        assertThat(Files.size(empty)).isZero();
        assertThat(dir.resolve("empty.db-wal")).doesNotExist();
        assertThat(dir.resolve("empty.db-shm")).doesNotExist();
    }

    @Test
    void anInterruptedThreadNeverOpensAnotherApplicationsFileAndKeepsItsInterruptFlag() throws Exception {
        Path foreign = dir.resolve("photos.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + foreign);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA application_id = 1234");
            statement.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)");
        }
        byte[] before = Files.readAllBytes(foreign);

        CompletableFuture<Throwable[]> outcome = CompletableFuture.supplyAsync(() -> {
            Thread.currentThread().interrupt();
            Throwable opened = catchFailure(() -> new Repository(foreign).close());
            boolean flagAfterOpen = Thread.currentThread().isInterrupted();
            Throwable migrated = catchFailure(() -> Repository.migrate(foreign));
            boolean flagAfterMigrate = Thread.interrupted();
            return new Throwable[] {
                opened, migrated, flagAfterOpen && flagAfterMigrate ? null : new AssertionError("flag lost")
            };
        });
        Throwable[] failures = outcome.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);

        assertThat(failures[0])
                .isInstanceOf(StoreInterruptedException.class)
                .hasMessageContaining(foreign.toString())
                .hasMessageContaining("interrupt");
        assertThat(failures[1]).isInstanceOfAny(StoreInterruptedException.class, ForeignDatabaseException.class);
        assertThat(failures[2]).as("the interrupt flag is kept").isNull();
        assertThat(Files.readAllBytes(foreign))
                .as("not switched to WAL, not touched")
                .isEqualTo(before);
        assertThat(dir.resolve("photos.db-wal")).doesNotExist();
    }

    private static Throwable catchFailure(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
