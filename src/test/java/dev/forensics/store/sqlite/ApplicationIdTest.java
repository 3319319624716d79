package dev.forensics.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.errors.ForeignDatabaseException;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file's owner: migrate stamps SQLite's application_id, and another application's file is neither opened nor migrated. */
class ApplicationIdTest {
    /** Another program's id, as a photo manager or a browser would stamp its own. */
    private static final int OTHER_APPLICATION = 0x0F00BA44;
    /** forensics-store's id as the messages write it. */
    private static final String OURS = "0x46524E53";

    @TempDir
    Path dir;

    @Test
    void migrateStampsTheFileWithTheForensicsStoreApplicationId() {
        Path file = TestFiles.migrated(dir);

        assertThat(DatabaseProbe.strings(file, "PRAGMA application_id"))
                .containsExactly(String.valueOf(SqliteDatabase.APPLICATION_ID));
        assertThat(SqliteDatabase.APPLICATION_ID).isEqualTo(('F' << 24) | ('R' << 16) | ('N' << 8) | 'S');
    }

    @Test
    void openingAnotherApplicationsDatabaseFailsNamingTheFileAndLeavesItByteForByteTheSame() throws Exception {
        Path file = foreignDatabase("photos.db", OTHER_APPLICATION);
        byte[] before = Files.readAllBytes(file);

        int openBefore = Repository.openCount();

        assertThatThrownBy(() -> new Repository(file))
                .isInstanceOf(ForeignDatabaseException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("another application")
                .hasMessageContaining("0x0F00BA44")
                .hasMessageContaining(OURS);

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.exists(dir.resolve("photos.db-wal")))
                .as("no -wal created beside the foreign file")
                .isFalse();
        assertThat(TestFiles.openFileDescriptorsOn(file))
                .as("descriptors left open on the refused file")
                .isZero();
        assertThat(Repository.openCount())
                .as("open Repositories, compared with before the attempt")
                .isEqualTo(openBefore);
    }

    @Test
    void migratingAnotherApplicationsDatabaseFailsAndAppliesNoMigration() throws Exception {
        Path file = foreignDatabase("photos.db", OTHER_APPLICATION);
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> Repository.migrate(file))
                .isInstanceOf(ForeignDatabaseException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("0x0F00BA44")
                .hasMessageContaining(OURS);

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(TestFiles.openFileDescriptorsOn(file))
                .as("descriptors left open on the refused file")
                .isZero();
    }

    @Test
    void anEmptySqliteFileWithoutAnApplicationIdIsMigratedAndStamped() throws Exception {
        Path file = dir.resolve("empty.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = 0");
            statement.execute("VACUUM"); // writes the 100-byte header with application_id 0
        }
        assertThat(SqliteFileIdentity.applicationId(file)).hasValue(0);

        Repository.migrate(file);

        assertThat(DatabaseProbe.strings(file, "PRAGMA application_id"))
                .containsExactly(String.valueOf(SqliteDatabase.APPLICATION_ID));
        try (Repository repo = new Repository(file)) {
            assertThat(repo.articles().count()).isZero();
        }
    }

    @Test
    void anIdChangedAfterOpeningIsCaughtByTheCheckThatRunsWithTheSchemaCheck() throws Exception {
        Path file = TestFiles.migrated(dir);
        // Stamp another id while a connection keeps the change in the WAL: the header on disk still says FRNS, but the
        // identity check reads through SQLite (never a Java channel, SqliteLocksKeptTest), so it sees the change.
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = holder.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            statement.execute("PRAGMA application_id = " + OTHER_APPLICATION);
            assertThat(SqliteFileIdentity.applicationId(file)).hasValue(OTHER_APPLICATION);

            assertThatThrownBy(() -> new Repository(file))
                    .isInstanceOf(ForeignDatabaseException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("0x0F00BA44")
                    .hasMessageContaining(OURS);
        }
        // Counted once the holder is closed too: SQLite keeps a closed connection's descriptor while another connection
        // of
        // the process holds locks on the same file, and closes it with that connection.
        assertThat(TestFiles.openFileDescriptorsOn(file))
                .as("descriptors left open on the file: the refused connection's")
                .isZero();
    }

    private Path foreignDatabase(String name, int applicationId) throws Exception {
        Path file = dir.resolve(name);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA application_id = " + applicationId);
            statement.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)");
            statement.execute("INSERT INTO photos (path) VALUES ('/home/me/cat.jpg')");
        }
        return file;
    }
}
