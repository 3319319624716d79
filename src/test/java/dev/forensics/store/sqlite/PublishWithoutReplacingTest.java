package dev.forensics.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.backup.Backups;
import dev.forensics.store.errors.ForeignDatabaseException;
import dev.forensics.store.errors.InvalidInputException;
import dev.forensics.store.ingest.IngestListener;
import dev.forensics.store.ingest.IngestOptions;
import dev.forensics.store.ingest.IngestSummary;
import dev.forensics.store.ingest.Ingester;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private file is put under its name without replacing anything there (ADR-019): a file that another program, one
 * that takes no migration lock of this library, creates under the name at the last moment (after the name was last
 * seen free, before the private file takes it) keeps its data, whoever wins.
 */
class PublishWithoutReplacingTest {
    @TempDir
    Path dir;

    @AfterEach
    void closeTheWindow() {
        NoReplacePublish.BEFORE_TAKING_THE_NAME.clear();
    }

    @Test
    void aStoreCopiedUnderANewFilesNameJustBeforePublishingKeepsItsRowsAndGetsTheIngestedOnes() throws IOException {
        Path input = articles(500);
        Path db = dir.resolve("new.db");
        Path copy = storeWithOneArticle(dir.resolve("elsewhere.db"));
        // As `cp elsewhere.db new.db` would, taking no lock of this library.
        NoReplacePublish.BEFORE_TAKING_THE_NAME.put(db, () -> copy(copy, db));

        IngestSummary summary = ingester(db).ingest(List.of(input));

        assertThat(DatabaseProbe.strings(db, "SELECT url FROM articles WHERE url LIKE '%copied%'"))
                .containsExactly("https://copied.example/1");
        assertThat(summary.inserted()).isEqualTo(500);
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(501);
        assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
        assertThat(names()).containsExactlyInAnyOrder("in.jsonl", "elsewhere.db", "new.db");
    }

    @Test
    void aDatabaseAnotherProgramCreatesUnderANewFilesNameJustBeforePublishingIsRefusedUntouched() throws IOException {
        Path input = articles(500);
        Path db = dir.resolve("new.db");
        NoReplacePublish.BEFORE_TAKING_THE_NAME.put(db, () -> anotherProgramCreates(db));

        assertThatThrownBy(() -> ingester(db).ingest(List.of(input)))
                .isInstanceOf(ForeignDatabaseException.class)
                .hasMessageContaining(db + " holds other tables (notes)");
        assertThat(DatabaseProbe.strings(db, "SELECT text FROM notes")).containsExactly("the other program's row");
        assertThat(DatabaseProbe.strings(db, "SELECT name FROM sqlite_master")).containsExactly("notes");
        assertThat(names()).containsExactlyInAnyOrder("in.jsonl", "new.db");
    }

    @Test
    void aFileAnotherProgramCreatesUnderABackupsNameJustBeforeItIsPublishedIsKeptAndTheBackupRefused() {
        Path source = TestFiles.migrated(dir, "source.db");
        Path backup = dir.resolve("backup.db");
        NoReplacePublish.BEFORE_TAKING_THE_NAME.put(backup, () -> anotherProgramCreates(backup));

        assertThatThrownBy(() -> Backups.backup(new SqliteDatabase(source, StoreOptions.defaults()), backup))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("will not overwrite " + backup);
        assertThat(DatabaseProbe.strings(backup, "SELECT text FROM notes")).containsExactly("the other program's row");
        assertThat(names()).containsExactlyInAnyOrder("source.db", "backup.db");
    }

    @Test
    void onAFileSystemWithoutHardLinksThePrivateFileIsRenamedUnderAFreeNameAndNeverOverAnExistingOne()
            throws IOException {
        // The JDK's zip file system, a real one that has no hard links (createLink: UnsupportedOperationException).
        try (FileSystem zip = FileSystems.newFileSystem(dir.resolve("no-links.zip"), Map.of("create", "true"))) {
            Path first = Files.writeString(zip.getPath("/.a.db.build-1-1.tmp"), "first");
            Path second = Files.writeString(zip.getPath("/.a.db.build-1-2.tmp"), "second");

            boolean firstPublished = NoReplacePublish.publish(first, zip.getPath("/a.db"));
            boolean secondPublished = NoReplacePublish.publish(second, zip.getPath("/a.db"));

            assertThat(firstPublished).isTrue();
            assertThat(secondPublished).isFalse();
            assertThat(Files.readString(zip.getPath("/a.db"))).isEqualTo("first");
            assertThat(first).doesNotExist();
            assertThat(second).exists();
        }
    }

    private static Ingester ingester(Path db) {
        return new Ingester(
                new SqliteDatabase(db, StoreOptions.defaults()),
                new IngestOptions(100, false, false),
                IngestListener.NONE);
    }

    private static Path storeWithOneArticle(Path db) {
        try (Repository repo = new Repository(
                TestFiles.migrated(db.getParent(), db.getFileName().toString()))) {
            repo.articles()
                    .upsert(new NewArticle(
                            "https://copied.example/1", repo.authors().upsert("c", "C"), "t", null, "b"));
        }
        return db;
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Another program (plain SQLite, no lock of this library) makes a database of its own under {@code name}. */
    private static void anotherProgramCreates(Path name) {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + name);
                Statement statement = other.createStatement()) {
            statement.execute("CREATE TABLE notes (text TEXT)");
            statement.execute("INSERT INTO notes VALUES ('the other program''s row')");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path articles(int count) throws IOException {
        return Files.write(
                dir.resolve("in.jsonl"),
                IntStream.range(0, count)
                        .mapToObj(i -> "{\"url\": \"https://publish.example/" + i + "\", \"author\": \"A" + (i % 3)
                                + "\", \"title\": \"T" + i + "\"}")
                        .toList());
    }

    private List<String> names() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
