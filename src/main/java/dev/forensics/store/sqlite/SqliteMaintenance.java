package dev.forensics.store.sqlite;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * SQLite-only facts and chores behind the CLI's {@code stats} and {@code check}: PRAGMA queries run
 * on a Repository's own connection (through {@link Repository#withHandle}), and file and WAL sizes.
 * Every method throws a typed {@link StoreException} on failure.
 */
public final class SqliteMaintenance {
    private SqliteMaintenance() {
    }

    /** The journal mode in force on the Repository's connection ({@code wal} for every file this library opened). */
    public static String journalMode(Repository repo) {
        return repo.withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
    }

    /**
     * {@code PRAGMA integrity_check}: the problems SQLite reports (empty when the file is sound).
     *
     * @throws dev.forensics.store.errors.CorruptDatabaseException when the damage stops the check itself
     */
    public static List<String> integrityProblems(Repository repo) {
        List<String> rows = repo.withHandle(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).list());
        return rows.equals(List.of("ok")) ? List.of() : rows;
    }

    /** {@code PRAGMA foreign_key_check}: one line per row whose reference points at nothing (empty when none). */
    public static List<String> foreignKeyProblems(Repository repo) {
        return repo.withHandle(h -> h.createQuery("PRAGMA foreign_key_check")
                .map((rs, ctx) -> rs.getString("table") + " row " + rs.getLong("rowid") + " refers to a missing row of " + rs.getString("parent"))
                .list());
    }

    /** The size in bytes of the database file itself. */
    public static long fileBytes(SqliteDatabase database) {
        return size(database.file());
    }

    /** The size in bytes of the database's {@code -wal} file, 0 when there is none. */
    public static long walBytes(SqliteDatabase database) {
        return size(database.walFile());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new StoreException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }
}
