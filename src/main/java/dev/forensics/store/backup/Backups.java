package dev.forensics.store.backup;

import dev.forensics.store.Database;
import dev.forensics.store.errors.BackupUnsupportedException;
import java.nio.file.Path;

/**
 * The library entry points of {@code backup} and {@code restore}: they ask the database for its {@link FileBackup}
 * capability and fail with a typed error, naming the server's own tools, for a database that is not a file.
 * <pre>{@code
 * BackupReport report = Backups.backup(new SqliteDatabase(db, StoreOptions.defaults()), Path.of("nightly.db"));
 * }</pre>
 */
public final class Backups {
    private Backups() {}

    /**
     * Backs {@code database} up into the new file {@code target}, see {@link FileBackup#backupTo(Path)}.
     *
     * @throws BackupUnsupportedException when {@code database} is not a file (PostgreSQL: use pg_dump)
     */
    public static BackupReport backup(Database database, Path target) {
        return database.fileBackup()
                .orElseThrow(() -> new BackupUnsupportedException("backup copies SQLite files only: "
                        + database.displayName() + " is a "
                        + database.migration().vendor() + " server database; use the server's own tools, e.g. "
                        + "`pg_dump --format=custom --file=" + target
                        + " DBNAME` (one consistent snapshot while writers keep writing)"))
                .backupTo(target);
    }

    /**
     * Restores {@code database} from the backup file {@code source}, see {@link FileBackup#restoreFrom(Path)}.
     *
     * @throws BackupUnsupportedException when {@code database} is not a file (PostgreSQL: use pg_restore)
     */
    public static RestoreReport restore(Database database, Path source) {
        return database.fileBackup()
                .orElseThrow(() -> new BackupUnsupportedException("restore replaces SQLite files only: "
                        + database.displayName() + " is a "
                        + database.migration().vendor() + " server database; use the server's own tools, e.g. "
                        + "`pg_restore --clean --if-exists --dbname=DBNAME " + source
                        + "` with a dump written by pg_dump --format=custom"))
                .restoreFrom(source);
    }
}
