package dev.forensics.store.sqlite;

import dev.forensics.store.StoreException;
import dev.forensics.store.backup.BackupReport;
import dev.forensics.store.backup.FileBackup;
import dev.forensics.store.backup.RestoreReport;
import dev.forensics.store.errors.DatabaseLocationException;
import dev.forensics.store.errors.InvalidInputException;
import dev.forensics.store.schema.MigrationLock;
import dev.forensics.store.schema.Migrator;
import dev.forensics.store.schema.SchemaVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.DB;

/**
 * Backup and restore of one SQLite file (ADR-014). A backup is written by {@code VACUUM INTO} into
 * {@code .<target>.backup-<pid>-<n>.tmp} beside the target (claimed: {@link TemporaryClaim}), synced, checked ({@link BackupFileCheck}), put under the
 * target's name without replacing a file that appeared there meanwhile ({@link NoReplacePublish}) and the directory
 * synced. A restore checks the file the same way and copies it over the live
 * database with SQLite's online backup API in one step, holding the write lock for the copy.
 */
final class SqliteFileBackup implements FileBackup {
    private static final ProcessTemporaries TEMPORARIES = new ProcessTemporaries("backup");
    private static final long RESTORE_RETRY_SLEEP_MILLIS = 100;

    private final SqliteDatabase database;

    SqliteFileBackup(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public BackupReport backupTo(Path target) {
        long started = System.nanoTime();
        Path absolute = target.toAbsolutePath().normalize();
        refuseUnusableTarget(absolute);
        TEMPORARIES.deleteLeftovers(absolute);
        String action = "backing up " + database.file() + " to " + absolute;
        try (TemporaryClaim claim = claimTemporary(absolute, action)) {
            Path temporary = claim.temporary();
            try {
                return writeAndPublish(temporary, absolute, action, started);
            } catch (IOException | RuntimeException e) {
                RuntimeException failure = e instanceof RuntimeException unchecked
                        ? unchecked
                        : new StoreException(action + " failed: " + e + "; no file was written under " + absolute, e);
                try {
                    ProcessTemporaries.delete(temporary);
                } catch (StoreException cleanup) {
                    failure.addSuppressed(cleanup);
                }
                throw failure;
            }
        }
    }

    private static TemporaryClaim claimTemporary(Path target, String action) {
        try {
            return TEMPORARIES.claimNext(target);
        } catch (IOException e) {
            throw SqliteErrors.translate(e, action, target);
        }
    }

    private BackupReport writeAndPublish(Path temporary, Path absolute, String action, long started)
            throws IOException {
        vacuumInto(temporary, action, absolute);
        ProcessTemporaries.sync(temporary);
        int version = BackupFileCheck.verify(
                temporary, "the new backup " + absolute + " (still as " + temporary.getFileName() + ")");
        // Under the name's migration lock, as an ingest publishing a new file there (ADR-019) and a migration
        // creating it; a program that takes no such lock is kept from being replaced by the link (NoReplacePublish).
        try (MigrationLock name = MigrationFileLock.acquire(absolute)) {
            if (!NoReplacePublish.publish(temporary, absolute)) {
                throw new InvalidInputException("will not overwrite " + absolute
                        + ": it appeared while the backup was written; choose a new file name");
            }
        }
        ProcessTemporaries.sync(absolute.getParent());
        return new BackupReport(
                database.displayName(),
                absolute,
                Files.size(absolute),
                version,
                Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public RestoreReport restoreFrom(Path source) {
        long started = System.nanoTime();
        Path absolute = source.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new InvalidInputException(
                    "cannot restore from " + absolute + ": no such file (or not a regular file); check --from");
        }
        if (absolute.equals(database.file())) {
            throw new InvalidInputException(
                    "cannot restore " + database.file() + " from itself: --from must name a backup file");
        }
        int version = BackupFileCheck.verify(absolute, "backup " + absolute);
        long bytes = size(absolute);
        if (!Files.exists(database.file())) {
            Migrator.migrate(database);
        }
        String action = "restoring " + database.file() + " from " + absolute;
        try (Connection connection = database.connect()) {
            DB db = connection.unwrap(SQLiteConnection.class).getDatabase();
            int retries = (int) Math.max(3, database.options().busyTimeout().toMillis() / RESTORE_RETRY_SLEEP_MILLIS);
            // One step (-1 pages): the live file's write lock is held for the whole copy, so nobody sees half of it.
            int result = db.restore("main", absolute.toString(), null, (int) RESTORE_RETRY_SLEEP_MILLIS, retries, -1);
            if (result != 0) {
                throw DB.newSQLException(result, "restore from " + absolute + " failed");
            }
        } catch (SQLException e) {
            throw database.translate(e, action);
        }
        if (version < SchemaVersion.LATEST) {
            Migrator.migrate(database);
        }
        return new RestoreReport(
                absolute,
                database.displayName(),
                bytes,
                Math.max(version, SchemaVersion.LATEST),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static void refuseUnusableTarget(Path target) {
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new DatabaseLocationException(
                    "cannot write the backup " + target + ": directory " + dir + " does not exist; create it first");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException("will not overwrite " + target + ": choose a new file name for the backup");
        }
    }

    private void vacuumInto(Path temporary, String action, Path target) {
        try (Connection connection = database.connect();
                PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, temporary.toString());
            vacuum.execute();
        } catch (SQLException e) {
            // Named after the target: almost every failure here is the target's (disk full, read-only directory).
            throw SqliteErrors.translate(e, action, target, database.options().busyTimeout());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the size of " + file + ": " + e + "; check --from", e);
        }
    }
}
