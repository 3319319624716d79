package dev.forensics.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.AsideBuild;
import dev.forensics.store.Remedy;
import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.backup.BackupReport;
import dev.forensics.store.backup.Backups;
import dev.forensics.store.errors.DiskFullException;
import dev.forensics.store.errors.ForeignDatabaseException;
import dev.forensics.store.errors.InvalidInputException;
import dev.forensics.store.errors.ReadOnlyDatabaseException;
import dev.forensics.store.errors.StoreInterruptedException;
import dev.forensics.store.metrics.MicrometerStoreMetrics;
import dev.forensics.store.schema.MigrationLock;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.ScratchMount;
import dev.forensics.store.testing.TestFiles;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can go wrong while a new file is built aside (ADR-019), each tried for real: a full disk and a read-only
 * directory (tmpfs), a name too long for the private file, invalid input found after many valid lines, symbolic links.
 * Whatever happens, the error is typed and names the database the caller gave, and nothing is left in its directory.
 */
class NewFileIngestFaultsTest {
    private static final Duration HANG_GUARD = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void aDiskThatFillsWhileTheBuildIsPrivateIsADiskFullErrorNamingTheDatabaseAndLeavesNothing() throws IOException {
        Path input = articles(dir.resolve("in.jsonl"), 3_000, 2_000, "");
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("small-disk"), "2m")) {
            Path db = mount.path().resolve("new.db");
            // Held at its first line until the private build is there, then before its last until the writer gave
            // up (the build deleted): the disk fills while the build is private, whatever the speed of either thread.
            IngestListener heldUntilTheBuildIsGone = new IngestListener() {
                @Override
                public void validating(long lines) {
                    if (lines == 1) {
                        awaitPrivateBuild(mount.path(), true);
                    } else if (lines == 3_000) {
                        awaitPrivateBuild(mount.path(), false);
                    }
                }
            };

            assertThatThrownBy(() -> ingester(db, 100, heldUntilTheBuildIsGone).ingest(List.of(input)))
                    .isInstanceOf(DiskFullException.class)
                    .hasMessageContaining("the disk holding " + db + " is full")
                    .hasMessageNotContaining(".build-");
            assertThat(names(mount.path())).isEmpty();
        }
    }

    @Test
    void aDiskTooSmallForTheNewFilesFirstPageIsADiskFullErrorNamingTheDatabaseAndLeavesNothing() throws IOException {
        Path input = articles(dir.resolve("in.jsonl"), 10, 10, "");
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("tiny-disk"), "32k")) {
            Path db = mount.path().resolve("new.db");

            assertThatThrownBy(() -> ingester(db, 100, IngestListener.NONE).ingest(List.of(input)))
                    .isInstanceOf(DiskFullException.class)
                    .hasMessageContaining("the disk holding " + db + " is full")
                    .hasMessageNotContaining(".build-");
            assertThat(names(mount.path())).isEmpty();
        }
    }

    @Test
    void aDiskFullWhenTheBuildIsPublishedIsADiskFullErrorNamingTheDatabaseAndLeavesNothing() throws IOException {
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("small-disk"), "1m")) {
            Path db = mount.path().resolve("new.db");
            AsideBuild build = new SqliteDatabase(db, StoreOptions.defaults())
                    .buildAsideIfNew()
                    .orElseThrow();
            try (build) {
                try (Repository repo = new Repository(build.database())) {
                    long author = repo.authors().upsert("ann", "Ann");
                    repo.articles().upsert(new NewArticle("https://faults.example/1", author, "T", null, "b"));
                }
                fill(mount.path().resolve("filler"));

                assertThatThrownBy(build::publish)
                        .isInstanceOf(DiskFullException.class)
                        .hasMessageContaining("the disk holding " + db + " is full");
            }
            assertThat(names(mount.path())).containsExactly("filler");
        }
    }

    @Test
    void aNewFileInAReadOnlyDirectoryIsAReadOnlyErrorNamingTheDatabaseAndNothingIsCreated() throws IOException {
        Path input = articles(dir.resolve("in.jsonl"), 10, 10, "");
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("ro"), "1m")) {
            mount.remountReadOnly();
            Path db = mount.path().resolve("new.db");

            assertThatThrownBy(() -> ingester(db, 100, IngestListener.NONE).ingest(List.of(input)))
                    .isInstanceOf(ReadOnlyDatabaseException.class)
                    .hasMessageContaining(db + " is read-only")
                    .hasMessageNotContaining(".build-");
            assertThat(names(mount.path())).isEmpty();
        }
    }

    @Test
    void aNameTooLongForThePrivateFileIsIngestedAsBefore() throws IOException {
        Path input = articles(dir.resolve("in.jsonl"), 50, 10, "");
        // 240 bytes: SQLite's "-journal" fits beside it, the private ".<name>.build-<pid>-<n>.tmp" would not.
        Path db = dir.resolve("d".repeat(237) + ".db");

        IngestSummary summary = ingester(db, 10, IngestListener.NONE).ingest(List.of(input));

        assertThat(summary.inserted()).isEqualTo(50);
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(50);
        assertThat(names(dir))
                .containsExactlyInAnyOrder("in.jsonl", db.getFileName().toString());
    }

    @Test
    void bytesThatAreNotUtf8AfterManyValidLinesAreAnInvalidInputErrorAndLeaveNothing() throws IOException {
        Path input = articles(dir.resolve("in.jsonl"), 3_000, 100, "");
        try (OutputStream out = Files.newOutputStream(input, StandardOpenOption.APPEND)) {
            out.write(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
        }
        Path db = dir.resolve("new.db");

        assertThatThrownBy(() -> ingester(db, 100, IngestListener.NONE).ingest(List.of(input)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("in.jsonl:3001: not valid UTF-8");
        assertThat(names(dir)).containsExactly("in.jsonl");
    }

    @Test
    void skipInvalidWithEveryLineInvalidLeavesNothing() throws IOException {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "not json\n".repeat(5_000));
        Path db = dir.resolve("new.db");

        assertThatThrownBy(() -> new Ingester(
                                new SqliteDatabase(db, StoreOptions.defaults()),
                                new IngestOptions(100, true, false),
                                IngestListener.NONE)
                        .ingest(List.of(input)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("all 5000 non-blank lines are invalid");
        assertThat(names(dir)).containsExactly("in.jsonl");
    }

    @Test
    void anEmptyInputGivesAnEmptyMigratedDatabaseAndNothingBeside() throws IOException {
        Path input = Files.createFile(dir.resolve("in.jsonl"));
        Path db = dir.resolve("new.db");

        IngestSummary summary = ingester(db, 100, IngestListener.NONE).ingest(List.of(input));

        assertThat(summary.read()).isZero();
        assertThat(DatabaseProbe.count(db, "articles")).isZero();
        assertThat(names(dir)).containsExactlyInAnyOrder("in.jsonl", "new.db");
    }

    @Test
    void anEmptyInputRefusedByTheOptionsLeavesNothingNotEvenAHiddenBuild() throws IOException {
        Path input = Files.createFile(dir.resolve("in.jsonl"));
        Path db = dir.resolve("new.db");
        Ingester strict = new Ingester(
                new SqliteDatabase(db, StoreOptions.defaults()),
                new IngestOptions(100, false, false, false),
                IngestListener.NONE);

        assertThatThrownBy(() -> strict.ingest(List.of(input)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(input + " holds no article");
        assertThat(names(dir)).containsExactly("in.jsonl");
    }

    @Test
    void anEmptyInputsRefusalSaysItsFixInLibraryTermsAndAsARemedyNotAsACommandLineFlag() throws IOException {
        Path input = Files.createFile(dir.resolve("in.jsonl"));
        Ingester strict = new Ingester(
                new SqliteDatabase(dir.resolve("new.db"), StoreOptions.defaults()),
                new IngestOptions(100, false, false, false),
                IngestListener.NONE);

        assertThatThrownBy(() -> strict.ingest(List.of(input)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        refused -> assertThat(refused.remedy()).isEqualTo(Remedy.ALLOW_EMPTY_INPUT))
                .hasMessageContaining("IngestOptions.allowEmpty")
                .hasMessageNotContaining("--allow-empty");
    }

    @Test
    void withUpdateANewFileCountsAndKeepsWhatAnExistingEmptyFileDoes() throws IOException {
        Path input = dir.resolve("in.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            lines.append("{\"url\": \"https://upd.example/" + (i % 1_000) + "\", \"author\": \"A\", \"title\": \"v" + i
                    + "\"}\n");
        }
        Files.writeString(input, lines);
        Path fresh = dir.resolve("fresh.db");
        Path existing = dir.resolve("existing.db");
        Repository.migrate(existing);

        IngestSummary intoNew = new Ingester(
                        new SqliteDatabase(fresh, StoreOptions.defaults()),
                        new IngestOptions(700, false, true),
                        IngestListener.NONE)
                .ingest(List.of(input));
        IngestSummary intoExisting = new Ingester(
                        new SqliteDatabase(existing, StoreOptions.defaults()),
                        new IngestOptions(700, false, true),
                        IngestListener.NONE)
                .ingest(List.of(input));

        assertThat(intoNew.inserted()).isEqualTo(intoExisting.inserted()).isEqualTo(1_000);
        assertThat(intoNew.updated()).isEqualTo(intoExisting.updated()).isEqualTo(2_000);
        assertThat(DatabaseProbe.strings(fresh, "SELECT title FROM articles ORDER BY url"))
                .isEqualTo(DatabaseProbe.strings(existing, "SELECT title FROM articles ORDER BY url"));
    }

    @Test
    void aDanglingSymbolicLinkGetsTheDatabaseAtItsTarget() throws IOException {
        Path input = articles(dir.resolve("in.jsonl"), 50, 10, "");
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path target = elsewhere.resolve("real.db");
        Path link = Files.createSymbolicLink(dir.resolve("link.db"), target);

        ingester(link, 10, IngestListener.NONE).ingest(List.of(input));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(DatabaseProbe.count(target, "articles")).isEqualTo(50);
        assertThat(names(elsewhere)).containsExactly("real.db");
        assertThat(names(dir)).containsExactlyInAnyOrder("in.jsonl", "link.db", "elsewhere");
    }

    @Test
    void theMetricsOfANewFileNameTheDatabaseNeverItsPrivateBuild() throws IOException {
        Path input = articles(dir.resolve("in.jsonl"), 2_000, 10, "");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StoreOptions options = StoreOptions.defaults().withMetrics(MicrometerStoreMetrics.of(registry));

        new Ingester(
                        new SqliteDatabase(dir.resolve("new.db"), options),
                        new IngestOptions(100, false, false),
                        IngestListener.NONE)
                .ingest(List.of(input));

        assertThat(registry.getMeters())
                .flatMap(meter -> meter.getId().getTags())
                .filteredOn(tag -> tag.getKey().equals("database"))
                .extracting(Tag::getValue)
                .allMatch(name -> name.equals("new.db"), "is new.db");
    }

    @Test
    void aPublishWaitsForAnotherThreadOfThisJvmHoldingTheNamesMigrationLock() throws Exception {
        Path input = articles(dir.resolve("in.jsonl"), 200, 10, "");
        Path db = dir.resolve("new.db");
        FutureTask<IngestSummary> ingest =
                new FutureTask<>(() -> ingester(db, 100, IngestListener.NONE).ingest(List.of(input)));
        Thread ingesting = new Thread(ingest, "ingest");

        // Held (as by another thread migrating the file) until the publish is waiting for it or has failed on it.
        try (MigrationLock held = new SqliteDatabase(db, StoreOptions.defaults()).migrationLock()) {
            ingesting.start();
            awaitInside(ingesting, ingest, "MigrationFileLock");
        }

        assertThat(ingest.get().inserted()).isEqualTo(200);
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(200);
    }

    @Test
    void anotherApplicationsFileAppearingUnderTheNameMeanwhileIsRefusedUntouchedAndTheBuildDeleted() throws Exception {
        Path input = articles(dir.resolve("in.jsonl"), 500, 10, "");
        Path db = dir.resolve("new.db");
        IngestListener rival = new IngestListener() {
            @Override
            public void writing(long total) {
                // Once the input is valid, before the build is published: another program creates the name.
                try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
                        Statement statement = other.createStatement()) {
                    statement.execute("PRAGMA application_id = 1234");
                    statement.execute("CREATE TABLE notes (text TEXT)");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        assertThatThrownBy(() -> ingester(db, 100, rival).ingest(List.of(input)))
                .isInstanceOf(ForeignDatabaseException.class)
                .hasMessageContaining(db.toString());
        assertThat(DatabaseProbe.strings(db, "PRAGMA application_id")).containsExactly("1234");
        assertThat(DatabaseProbe.strings(db, "SELECT name FROM sqlite_master")).containsExactly("notes");
        assertThat(names(dir)).containsExactlyInAnyOrder("in.jsonl", "new.db");
    }

    @Test
    void anIngestThreadInterruptedWhileTheBuildIsPrivateIsAStoreInterruptedExceptionAndLeavesNothing()
            throws Exception {
        Path input = articles(dir.resolve("in.jsonl"), 3_000, 10, "");
        Path db = dir.resolve("new.db");
        CountDownLatch held = new CountDownLatch(1);
        // Held at line 1 until the build is there, then at line 1,000 (the writer waiting for more) until the
        // interrupted writer gave up and deleted it.
        IngestListener hold = new IngestListener() {
            @Override
            public void validating(long lines) {
                if (lines == 1) {
                    awaitPrivateBuild(dir, true);
                } else if (lines == 1_000) {
                    held.countDown();
                    awaitPrivateBuild(dir, false);
                }
            }
        };
        FutureTask<IngestSummary> ingest =
                new FutureTask<>(() -> ingester(db, 100, hold).ingest(List.of(input)));
        Thread ingesting = new Thread(ingest, "ingest");
        ingesting.start();
        held.await();
        // Interrupted once it waits for records (an interrupt during class loading, say, can be swallowed by the JDK).
        awaitInside(ingesting, ingest, "RecordSpool");

        ingesting.interrupt();

        assertThatThrownBy(ingest::get)
                .hasCauseInstanceOf(StoreInterruptedException.class)
                .cause()
                .hasMessageContaining("interrupted");
        assertThat(names(dir)).containsExactly("in.jsonl");
    }

    @Test
    void aBackupToTheNameOfANewFileBeingPublishedWaitsForItAndDoesNotReplaceIt() throws Exception {
        Path source = TestFiles.migrated(dir, "source.db");
        Path published = TestFiles.migrated(dir, "published.db");
        Path db = dir.resolve("new.db");
        FutureTask<BackupReport> backup =
                new FutureTask<>(() -> Backups.backup(new SqliteDatabase(source, StoreOptions.defaults()), db));
        Thread backingUp = new Thread(backup, "backup");

        // As an ingest's publish does: under the name's migration lock, the build is renamed into place.
        try (MigrationLock publishing = new SqliteDatabase(db, StoreOptions.defaults()).migrationLock()) {
            backingUp.start();
            awaitInside(backingUp, backup, "MigrationFileLock");
            Files.move(published, db, StandardCopyOption.ATOMIC_MOVE);
        }

        assertThatThrownBy(backup::get)
                .hasCauseInstanceOf(InvalidInputException.class)
                .hasMessageContaining("will not overwrite " + db);
        assertThat(DatabaseProbe.strings(db, "PRAGMA application_id")).hasSize(1);
        assertThat(names(dir)).containsExactlyInAnyOrder("source.db", "new.db");
    }

    @Test
    void theListenerIsNeverCalledFromTwoThreadsAtOnce() throws IOException {
        Path input = articles(dir.resolve("in.jsonl"), 5_000, 10, "");
        AtomicInteger inside = new AtomicInteger();
        AtomicReference<String> overlap = new AtomicReference<>();
        IngestListener watcher = new IngestListener() {
            private void enter(String call) {
                if (inside.incrementAndGet() != 1) {
                    overlap.compareAndSet(
                            null, call + " on " + Thread.currentThread().getName());
                }
                Thread.yield();
                inside.decrementAndGet();
            }

            @Override
            public void validating(long lines) {
                enter("validating");
            }

            @Override
            public void writing(long total) {
                enter("writing");
            }

            @Override
            public void committing(long done, long total) {
                enter("committing");
            }

            @Override
            public void committed(long done, long total) {
                enter("committed");
            }
        };

        ingester(dir.resolve("new.db"), 100, watcher).ingest(List.of(input));

        assertThat(overlap.get()).isNull();
    }

    private Ingester ingester(Path db, int batchSize, IngestListener listener) {
        return new Ingester(
                new SqliteDatabase(db, StoreOptions.defaults()), new IngestOptions(batchSize, false, false), listener);
    }

    private static Path articles(Path file, int count, int bodyChars, String tail) throws IOException {
        String body = "b".repeat(bodyChars);
        return JsonLinesFixture.articles(file, "faults.example", count, i -> body, tail);
    }

    private static List<String> names(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Until {@code thread} runs a method of the class named {@code simpleName} or {@code task} ended (a hang guard). */
    private static void awaitInside(Thread thread, FutureTask<?> task, String simpleName) throws InterruptedException {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (!task.isDone()
                && Stream.of(thread.getStackTrace())
                        .noneMatch(frame -> frame.getClassName().endsWith("." + simpleName))) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the ingest never reached " + simpleName);
            }
            Thread.sleep(1);
        }
    }

    /** Writes {@code file} until the disk is full. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // No space left on device: what was wanted.
        }
    }

    /** Waits (a hang guard, not a timing) until a private build is in {@code folder}, or is no longer there. */
    private static void awaitPrivateBuild(Path folder, boolean present) {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (names(folder).stream().anyMatch(name -> name.contains(".build-") && name.endsWith(".tmp")) != present) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(
                        "a private build " + (present ? "never appeared" : "stayed") + " in " + folder);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
