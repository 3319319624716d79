package dev.forensics.store.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Looks into a database file with a plain sqlite-jdbc connection, independent of the library under test:
 * {@code PRAGMA integrity_check} and row counts. Never creates the file.
 */
public final class DatabaseProbe {
    private DatabaseProbe() {}

    /** The rows of {@code PRAGMA integrity_check}, joined: {@code ok} for a sound file. */
    public static String integrityCheck(Path db) {
        return String.join("; ", strings(db, "PRAGMA integrity_check"));
    }

    /** How many rows {@code table} holds. */
    public static long count(Path db, String table) {
        return Long.parseLong(strings(db, "SELECT count(*) FROM " + table).get(0));
    }

    /** Whether another connection can take the write lock at once ({@code BEGIN IMMEDIATE}, no busy wait); gives it back. */
    public static boolean writeLockFree(Path db) {
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 0");
            try {
                statement.execute("BEGIN IMMEDIATE");
            } catch (SQLException busy) {
                return false;
            }
            statement.execute("ROLLBACK");
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open " + db, e);
        }
    }

    /** The first column of every row {@code sql} returns, as text. */
    public static List<String> strings(Path db, String sql) {
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.setBusyTimeout(10_000);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new AssertionError("probing " + db + " with " + sql + " failed: " + e.getMessage(), e);
        }
    }
}
