package dev.forensics.store.sqlite;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Reads the {@code application_id} from a SQLite file's 100-byte header (big-endian at offset 68) without opening
 * it through SQLite, so checking a file never changes it (no journal-mode switch, no {@code -wal} created).
 */
final class SqliteFileIdentity {
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = 100;
    private static final int APPLICATION_ID_OFFSET = 68;
    private static final String HISTORY_TABLE = "flyway_schema_history";
    private static final String USER_TABLES =
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";

    private SqliteFileIdentity() {}

    /**
     * The tables of a SQLite file that has no Flyway history ({@code flyway_schema_history}): another program's tables.
     * Empty when the file has that history, or no table at all, or cannot be read (the driver then reports why when the
     * file is opened for real). Opens the file read-only with no pragma, so nothing of it changes.
     */
    static List<String> tablesWithoutOurHistory(Path file) {
        try (Connection connection = readOnly(file)) {
            return tablesWithoutOurHistory(connection);
        } catch (SQLException unreadable) {
            return List.of();
        }
    }

    /** Like {@link #tablesWithoutOurHistory(Path)} on an open connection to the file, which it leaves open. */
    static List<String> tablesWithoutOurHistory(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(USER_TABLES)) {
            while (rows.next()) {
                if (HISTORY_TABLE.equals(rows.getString(1))) {
                    return List.of();
                }
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /**
     * The application id read on an open connection to the file, which it leaves open: the check of a Repository's own
     * connection before its pragmas run (one connection per open instead of two, ADR-017).
     *
     * @throws SQLException when SQLite cannot read the file (not a database, ...): the caller's typed error
     */
    static int applicationId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA application_id")) {
            return row.next() ? row.getInt(1) : 0;
        }
    }

    /**
     * The file's application id as SQLite reads it, or empty when the file is missing, not SQLite, or unreadable (the
     * driver then reports why when the file is opened for real). Read through a read-only SQLite connection with no
     * pragma, never through a Java file channel: on POSIX systems closing <em>any</em> descriptor of a file releases
     * every lock the process holds on it, so a header read by Java while another Repository of this process has the
     * file open would drop that connection's SHARED lock, and another process's last close could then checkpoint and
     * delete the WAL under it (sqlite.org, "How To Corrupt An SQLite Database File", 2.2 "Posix advisory locks
     * canceled by a separate thread doing close()"). SQLite's own close keeps a descriptor open while other connections
     * of the process hold locks on the file. Nothing of the file changes: no journal-mode switch, no write.
     */
    static OptionalInt applicationId(Path file) {
        try (Connection connection = readOnly(file)) {
            return OptionalInt.of(applicationId(connection));
        } catch (SQLException unreadable) {
            // Not ours to judge: opening it through the driver next gives the typed error (not a database, location,
            // ...).
            return OptionalInt.empty();
        }
    }

    /** A read-only connection to the file with no pragma, which never creates it. */
    private static Connection readOnly(Path file) throws SQLException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.resetOpenMode(SQLiteOpenMode.CREATE);
        readOnly.setReadOnly(true);
        return readOnly.createConnection("jdbc:sqlite:" + file);
    }
}
