package dev.forensics.store.sqlite;

import dev.forensics.store.errors.CorruptDatabaseException;
import dev.forensics.store.errors.ForeignDatabaseException;
import dev.forensics.store.errors.SchemaTooNewException;
import dev.forensics.store.schema.SchemaVersion;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Decides whether a file may serve as a backup: it is SQLite, carries our {@code application_id}, passes
 * {@code PRAGMA integrity_check} and holds a schema version this build knows. It opens the file read-only and closes it
 * before returning; the file is never changed.
 */
final class BackupFileCheck {
    private static final int PROBLEMS_SHOWN = 3;
    private static final String HISTORY_EXISTS =
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'";
    private static final String APPLIED_VERSION =
            "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL";

    private BackupFileCheck() {}

    /**
     * Checks {@code file}; {@code role} names it in messages ("backup /x/nightly.db").
     * Returns the schema version recorded in it.
     *
     * @throws ForeignDatabaseException when it is not SQLite's or not ours (application id other than forensics-store's)
     * @throws CorruptDatabaseException when it fails the integrity check or holds no schema history
     * @throws SchemaTooNewException    when a newer build of this library wrote it
     */
    static int verify(Path file, String role) {
        OptionalInt id = SqliteFileIdentity.applicationId(file);
        if (id.isEmpty()) {
            throw new CorruptDatabaseException(role + " is not a SQLite database (no SQLite header); it was not used");
        }
        if (id.getAsInt() != SqliteDatabase.APPLICATION_ID) {
            throw new ForeignDatabaseException(role + " is not a forensics-store database (SQLite application_id "
                    + String.format("0x%08X", id.getAsInt()) + ", forensics-store uses "
                    + String.format("0x%08X", SqliteDatabase.APPLICATION_ID)
                    + "); it was not used");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.setReadOnly(true);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            List<String> problems = integrityProblems(statement);
            if (!problems.isEmpty()) {
                throw new CorruptDatabaseException(role + " fails PRAGMA integrity_check ("
                        + String.join("; ", problems) + "); it was not used: take or pick another backup");
            }
            return schemaVersion(statement, role);
        } catch (SQLException e) {
            int code = SqliteErrors.primaryCode(e);
            if (code == SqliteErrors.SQLITE_CORRUPT || code == SqliteErrors.SQLITE_NOTADB) {
                throw new CorruptDatabaseException(
                        role + " is damaged (" + e.getMessage() + "); it was not used: take or pick another backup", e);
            }
            throw SqliteErrors.translate(e, "checking " + role, file, Duration.ZERO);
        }
    }

    private static List<String> integrityProblems(Statement statement) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("PRAGMA integrity_check(" + PROBLEMS_SHOWN + ")")) {
            while (rows.next()) {
                problems.add(rows.getString(1));
            }
        }
        return problems.equals(List.of("ok")) ? List.of() : problems;
    }

    private static int schemaVersion(Statement statement, String role) throws SQLException {
        try (ResultSet history = statement.executeQuery(HISTORY_EXISTS)) {
            history.next();
            if (history.getInt(1) == 0) {
                throw new CorruptDatabaseException(
                        role + " carries forensics-store's application id but no schema history; it was not used");
            }
        }
        try (ResultSet version = statement.executeQuery(APPLIED_VERSION)) {
            int applied = version.next() ? version.getInt(1) : 0;
            if (applied > SchemaVersion.LATEST) {
                throw new SchemaTooNewException(role + " is at schema version " + applied + ", newer than this build's "
                        + SchemaVersion.LATEST + ": restore it with a newer forensics-store; it was not used");
            }
            return applied;
        }
    }
}
