package dev.forensics.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.forensics.store.StoreOptions;
import dev.forensics.store.schema.MigrationLock;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration lock leaves nothing beside the database, and a waiter on a deleted lock file notices (ADR-016). */
class MigrationFileLockTest {
    @TempDir
    Path dir;

    @Test
    void theLockFileExistsWhileHeldAndIsGoneAfterRelease() {
        Path db = dir.resolve("forensics.db");
        Path lockFile = MigrationFileLock.lockFileOf(db);

        boolean existedWhileHeld;
        try (MigrationLock lock = new SqliteDatabase(db, StoreOptions.defaults()).migrationLock()) {
            existedWhileHeld = Files.exists(lockFile);
        }

        assertThat(existedWhileHeld).isTrue();
        assertThat(lockFile).doesNotExist();
    }

    @Test
    void aDescriptorOnALockFileDeletedByItsHolderIsNoticedEvenWhenANewFileHasTheName() throws Exception {
        assumeThat(Path.of("/proc/self/fd"))
                .as("Linux /proc: elsewhere BEGIN IMMEDIATE is the guard")
                .isDirectory();
        Path lockFile = MigrationFileLock.lockFileOf(dir.resolve("forensics.db"));

        try (FileChannel waiter = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            boolean beforeDelete = MigrationFileLock.heldFileWasDeleted(lockFile);
            Files.delete(lockFile);
            boolean afterDelete = MigrationFileLock.heldFileWasDeleted(lockFile);
            Files.createFile(lockFile);
            boolean afterANewcomer = MigrationFileLock.heldFileWasDeleted(lockFile);

            assertThat(beforeDelete).isFalse();
            assertThat(afterDelete).isTrue();
            assertThat(afterANewcomer).isTrue();
        }
        assertThat(MigrationFileLock.heldFileWasDeleted(lockFile))
                .as("after the stale descriptor is closed")
                .isFalse();
    }
}
