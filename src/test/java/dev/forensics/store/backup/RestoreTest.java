package dev.forensics.store.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.errors.CorruptDatabaseException;
import dev.forensics.store.errors.ForeignDatabaseException;
import dev.forensics.store.errors.SchemaTooNewException;
import dev.forensics.store.reliability.workers.CacheWriterWorker;
import dev.forensics.store.reliability.workers.StartSignal;
import dev.forensics.store.schema.Migrator;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.RowDigest;
import dev.forensics.store.testing.SampleStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code restore --from FILE} through the library: good backups restored, bad ones refused with the database untouched. */
class RestoreTest {
    private static final int PAGE = 4096;

    @TempDir
    Path dir;

    private Path db;
    private SqliteDatabase database;

    @BeforeEach
    void storeWithData() {
        db = dir.resolve("forensics.db");
        database = new SqliteDatabase(db, StoreOptions.defaults());
        Migrator.migrate(database);
        SampleStore.fill(database, "before", 2_000, 1_000);
    }

    @Test
    void restoringAGoodBackupAfterMoreWritesGivesBackExactlyTheBackedUpRows() {
        Path backup = dir.resolve("backup.db");
        Backups.backup(database, backup);
        Map<String, String> backedUp = RowDigest.of(backup.toString());
        writeMore();
        assertThat(RowDigest.of(db.toString()))
                .as("the writes after the backup changed the store")
                .isNotEqualTo(backedUp);

        RestoreReport report = Backups.restore(database, backup);

        assertThat(RowDigest.of(db.toString())).isEqualTo(backedUp);
        assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
        assertThat(report.source()).isEqualTo(backup);
        try (Repository repo = new Repository(database)) {
            assertThat(repo.articles().count())
                    .as("the library reads the restored file")
                    .isEqualTo(2_000);
        }
    }

    @Test
    void aBackupWithRandomBytesInTheMiddleIsRefusedAndTheDatabaseIsUnchanged() throws IOException {
        Path backup = dir.resolve("backup.db");
        Backups.backup(database, backup);
        writeMore();
        Map<String, String> live = RowDigest.of(db.toString());
        overwriteMiddlePage(backup);

        assertThatThrownBy(() -> Backups.restore(database, backup))
                .isInstanceOf(CorruptDatabaseException.class)
                .hasMessageContaining(backup.toString())
                .hasMessageContaining("not used");
        assertThat(RowDigest.of(db.toString())).isEqualTo(live);
    }

    @Test
    void aForeignSqliteFileIsRefusedAndTheDatabaseIsUnchanged() throws SQLException {
        Path foreign = dir.resolve("someone-elses.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + foreign);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, url TEXT)");
            statement.execute("INSERT INTO articles (url) VALUES ('https://elsewhere.example/')");
        }
        Map<String, String> live = RowDigest.of(db.toString());

        assertThatThrownBy(() -> Backups.restore(database, foreign))
                .isInstanceOf(ForeignDatabaseException.class)
                .hasMessageContaining(foreign.toString());
        assertThat(RowDigest.of(db.toString())).isEqualTo(live);
    }

    @Test
    void aBackupWrittenByANewerBuildIsRefusedAndTheDatabaseIsUnchanged() throws SQLException {
        Path backup = dir.resolve("backup.db");
        Backups.backup(database, backup);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + backup);
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by,"
                            + " installed_on, execution_time, success) VALUES (999, '999', 'from the future', 'SQL', 'V999__x.sql', 0, 'test',"
                            + " CURRENT_TIMESTAMP, 0, 1)");
        }
        writeMore();
        Map<String, String> live = RowDigest.of(db.toString());

        assertThatThrownBy(() -> Backups.restore(database, backup))
                .isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining(backup.toString())
                .hasMessageContaining("version 999");
        assertThat(RowDigest.of(db.toString())).isEqualTo(live);
    }

    @Test
    void aRestoreWhileAnotherProcessWritesLetsBothFinishAndLeavesASoundFile() throws IOException {
        Path backup = dir.resolve("backup.db");
        Backups.backup(database, backup);
        Map<String, String> backedUp = RowDigest.of(backup.toString());
        Path go = dir.resolve("go");
        // The writer writes until told to stop: it is certainly writing before, during and after the restore, however
        // fast or slow this machine is.
        try (ChildJvm writer = ChildJvm.start(
                dir, CacheWriterWorker.class, db.toString(), go.toString(), "7", "until-stopped", "write")) {
            writer.awaitLine("READY", Duration.ofMinutes(5));
            StartSignal.go(go);
            awaitCacheEntriesOfWorker7(writer); // at least one entry the restore will take back

            Backups.restore(database, backup);
            awaitCacheEntriesOfWorker7(writer); // the writer went on writing after it
            Files.createFile(dir.resolve("go.stop"));
            ChildJvm.Result result = writer.await(Duration.ofMinutes(5));

            assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
            Matcher done =
                    Pattern.compile("DONE worker=7 written=(\\d+) errors=0").matcher(result.out());
            assertThat(done.find()).as(result.out()).isTrue();
            long written = Long.parseLong(done.group(1));
            assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
            Map<String, String> now = RowDigest.of(db.toString());
            assertThat(now.get("articles")).isEqualTo(backedUp.get("articles"));
            assertThat(now.get("authors")).isEqualTo(backedUp.get("authors"));
            long kept = worker7Entries();
            System.out.println("FIGURE restore-under-writes worker-entries-kept=" + kept + " of=" + written
                    + " (entries written before the restore are gone with it)");
            assertThat(kept).isPositive().isLessThan(written);
        }
    }

    private long worker7Entries() {
        return Long.parseLong(DatabaseProbe.strings(db, "SELECT count(*) FROM llm_cache WHERE url LIKE '%/w7/%'")
                .get(0));
    }

    private void awaitCacheEntriesOfWorker7(ChildJvm writer) {
        while (worker7Entries() == 0) {
            assertThat(writer.process().isAlive())
                    .as("writer alive; stderr: %s", writer.err())
                    .isTrue();
            pause();
        }
    }

    /** A poll interval: what is awaited is the writer's first row, whatever time it takes. */
    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void writeMore() {
        try (Repository repo = new Repository(database)) {
            repo.useTransaction(tx -> {
                long author = tx.authors().upsert("after-author", "Written after the backup");
                tx.articles()
                        .upsertAll(List.of(
                                new NewArticle(
                                        SampleStore.url("before", 5),
                                        author,
                                        "Changed title",
                                        Instant.EPOCH,
                                        "changed body"),
                                new NewArticle(
                                        "https://news.example/after/1", author, "New", Instant.EPOCH, "new body")));
                tx.llmCache().put("https://news.example/after/1", "{\"after\":true}", "model-9");
            });
        }
    }

    /** Random bytes over one whole page in the middle of the file. */
    private static void overwriteMiddlePage(Path file) throws IOException {
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            long pages = raw.length() / PAGE;
            byte[] noise = new byte[PAGE];
            new Random(15).nextBytes(noise);
            raw.seek(pages / 2 * PAGE);
            raw.write(noise);
        }
    }
}
