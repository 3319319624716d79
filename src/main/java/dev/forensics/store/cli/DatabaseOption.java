package dev.forensics.store.cli;

import dev.forensics.store.Database;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.sqlite.SqliteDatabase;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The one place where the value of {@code --db} (or {@code FORENSICS_DB}) becomes a {@link Database}: today a SQLite
 * file path; a JDBC URL for another database is to be recognised here and nowhere else.
 */
final class DatabaseOption {
    private DatabaseOption() {
    }

    /**
     * The database named by {@code value}; nothing is opened.
     *
     * @throws CliException (exit 2) when the value is blank or not a usable path
     */
    static Database toDatabase(String value) {
        if (value == null || value.isBlank()) {
            throw new CliException(ExitCode.BAD_INPUT, "--db is empty: give the database file, e.g. --db forensics.db");
        }
        try {
            return new SqliteDatabase(Path.of(value), StoreOptions.defaults());
        } catch (InvalidPathException e) {
            throw new CliException(ExitCode.BAD_INPUT, "--db " + value + " is not a valid path: " + e.getReason());
        }
    }

    /**
     * The database named by {@code value}, which must exist already (commands other than migrate and ingest).
     *
     * @throws CliException (exit 1) when the SQLite file does not exist, naming the command that creates it
     */
    static Database existing(String value) {
        Database database = toDatabase(value);
        if (database instanceof SqliteDatabase sqlite && !Files.exists(sqlite.file())) {
            throw new CliException(ExitCode.NOT_FOUND, sqlite.file() + " does not exist: create it with `forensics-store migrate --db "
                    + value + "` or `forensics-store ingest --db " + value + " FILE`, or point --db (or FORENSICS_DB) at the right file");
        }
        return database;
    }
}
