package dev.forensics.store.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLockInterruptionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
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
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.resetOpenMode(SQLiteOpenMode.CREATE);
        readOnly.setReadOnly(true);
        List<String> tables = new ArrayList<>();
        try (Connection connection = readOnly.createConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(USER_TABLES)) {
            while (rows.next()) {
                if (HISTORY_TABLE.equals(rows.getString(1))) {
                    return List.of();
                }
                tables.add(rows.getString(1));
            }
        } catch (SQLException unreadable) {
            return List.of();
        }
        return tables;
    }

    /**
     * The header's application id, or empty when the file is missing, shorter than a header, not SQLite, or unreadable (the driver then reports why).
     *
     * @throws dev.forensics.store.errors.StoreInterruptedException when the read failed because the thread was interrupted
     */
    static OptionalInt applicationId(Path file) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // keep reading until the header is full or the file ends
            }
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        } catch (ClosedByInterruptException | FileLockInterruptionException interrupted) {
            // An interrupt must never turn "refused" into "opened": the identity is unknown, so nothing may open it.
            throw SqliteFileCheck.interrupted(file, interrupted);
        } catch (IOException unreadable) {
            // Not ours to judge: opening it through the driver next gives the typed error (read-only, location, ...).
            return OptionalInt.empty();
        }
        if (header.hasRemaining() || !Arrays.equals(header.array(), 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(header.getInt(APPLICATION_ID_OFFSET));
    }
}
