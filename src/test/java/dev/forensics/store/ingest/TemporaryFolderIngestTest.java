package dev.forensics.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.StoreOptions;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.ScratchMount;
import dev.forensics.store.testing.TestFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest of many records in one transaction into an existing store needs no room in SQLite's temporary folder
 * (ADR-020: statement journals are kept in memory). The folder is a full tmpfs (mounted for the test; skipped with a
 * printed reason where {@code mount} is not permitted) while the store is on a disk with room. With statement
 * journals in temporary files, this ingest failed with "the disk holding STORE is full", about a disk that was not,
 * and wrote every page of those journals again for each later statement (50,000 lines: 721,526 pwrite calls, 227,000
 * without).
 */
class TemporaryFolderIngestTest {
    /** Enough records in one transaction for SQLite's statement journal to outgrow its 64 KiB in memory. */
    private static final int LINES = 20_000;

    private static final String BODY = "a body of some length ".repeat(90);

    @TempDir
    Path dir;

    @Test
    void aLargeBatchIntoAnExistingStoreNeedsNoRoomInTheTemporaryFolder() throws IOException, SQLException {
        Path db = TestFiles.migrated(dir);
        Path input = JsonLinesFixture.articles(dir.resolve("in.jsonl"), "journal.example", LINES, i -> i + BODY, "");
        try (ScratchMount full = ScratchMount.tmpfs(dir.resolve("full-temporary-folder"), "1m");
                SqliteTemporaryFolder ignored = SqliteTemporaryFolder.set(fill(full.path()))) {
            IngestSummary summary = new Ingester(
                            new SqliteDatabase(db, StoreOptions.defaults()),
                            new IngestOptions(LINES, false, false),
                            IngestListener.NONE)
                    .ingest(List.of(input));

            assertThat(summary.inserted()).isEqualTo(LINES);
        }
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(LINES);
        assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
    }

    /** Writes a file into {@code folder} until its disk is full; returns {@code folder}. */
    private static Path fill(Path folder) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(folder.resolve("filler.bin"))) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        return folder;
    }

    /**
     * SQLite's process-wide folder for temporary files ({@code PRAGMA temp_store_directory}), back to the default (the
     * environment's, then {@code /var/tmp}) on close.
     */
    private static final class SqliteTemporaryFolder implements AutoCloseable {
        static SqliteTemporaryFolder set(Path folder) throws SQLException {
            pragma("'" + folder + "'");
            return new SqliteTemporaryFolder();
        }

        @Override
        public void close() throws SQLException {
            pragma("''");
        }

        private static void pragma(String value) throws SQLException {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:");
                    Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA temp_store_directory = " + value);
            }
        }
    }
}
