package dev.forensics.store.backup;

import java.nio.file.Path;

/**
 * The capability of a database that lives in one file (SQLite) to be backed up into another file and restored from
 * one while other processes keep using it. Get it from {@link dev.forensics.store.Database#fileBackup()}, or call
 * {@link Backups}, which turns its absence into a typed error. Implementations open and close their own connections.
 */
public interface FileBackup {

    /**
     * Writes a consistent copy of the database to {@code target} durably: into a temporary file beside it, synced,
     * checked, renamed into place, the directory synced. Killed at any moment, no file or a complete, checked one is
     * under {@code target}; temporaries of earlier killed runs are deleted.
     *
     * @throws dev.forensics.store.errors.InvalidInputException     when {@code target} exists already (it is never overwritten)
     * @throws dev.forensics.store.errors.DatabaseLocationException when the target's directory does not exist
     * @throws dev.forensics.store.StoreException                   a typed subclass naming {@code target} when writing or checking fails
     */
    BackupReport backupTo(Path target);

    /**
     * Replaces the database's whole contents with those of {@code source} (a backup), online: readers and writers of
     * other processes wait for the copy and then see either the old or the restored data. The file is checked first;
     * when it is refused the database is left untouched.
     *
     * @throws dev.forensics.store.errors.ForeignDatabaseException  when {@code source} is not a forensics-store file
     * @throws dev.forensics.store.errors.SchemaTooNewException     when a newer version of this library wrote it
     * @throws dev.forensics.store.errors.CorruptDatabaseException  when it is not SQLite or fails {@code PRAGMA integrity_check}
     * @throws dev.forensics.store.StoreException                   a typed subclass when the copy itself fails (nothing changed then)
     */
    RestoreReport restoreFrom(Path source);
}
