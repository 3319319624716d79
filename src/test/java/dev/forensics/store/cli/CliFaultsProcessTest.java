package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.reliability.workers.LockHolderWorker;
import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.ScratchMount;
import dev.forensics.store.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI side of the faults of issue 4, each in its own {@code java} process running {@link Main}: the documented
 * exit code, one line {@code error: ...} on standard error that says what is wrong, and the data committed before intact.
 */
class CliFaultsProcessTest {
    @TempDir
    Path dir;

    @Test
    void migrateInADirectoryThatDoesNotExistExitsWithBadInputAndOneLine() {
        Path db = dir.resolve("no-such-dir").resolve("forensics.db");

        ChildJvm.Result result = cli("migrate", "--db", db.toString());

        assertOneLineError(result, ExitCode.BAD_INPUT, "does not exist");
        assertThat(db.getParent()).doesNotExist();
    }

    @Test
    void aDatabasePathThatIsADirectoryExitsWithBadInputAndOneLine() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("forensics.db"));

        ChildJvm.Result result = cli("migrate", "--db", folder.toString());

        assertOneLineError(result, ExitCode.BAD_INPUT, "is a directory");
    }

    @Test
    void aTextFileAsDatabaseExitsWithDatabaseErrorAndOneLineAndStaysUntouched() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.db"), "not a database\n".repeat(300));
        byte[] before = Files.readAllBytes(notes);

        ChildJvm.Result stats = cli("stats", "--db", notes.toString());
        ChildJvm.Result migrate = cli("migrate", "--db", notes.toString());

        assertOneLineError(stats, ExitCode.DATABASE_ERROR, "not a SQLite database");
        assertOneLineError(migrate, ExitCode.DATABASE_ERROR, "not a SQLite database");
        assertThat(Files.readAllBytes(notes)).isEqualTo(before);
    }

    @Test
    void aDatabaseFromANewerVersionExitsWithDatabaseErrorAndKeepsItsData() {
        Path db = TestFiles.migrated(dir);
        try (Repository repo = new Repository(db)) {
            repo.llmCache().put("https://before.example/1", "{}");
        }
        Flyway.configure()
                .dataSource("jdbc:sqlite:" + db, null, null)
                .loggers("slf4j")
                .locations("classpath:db/migration/sqlite", "classpath:db/future-migration")
                .load()
                .migrate();

        ChildJvm.Result stats = cli("stats", "--db", db.toString());
        ChildJvm.Result migrate = cli("migrate", "--db", db.toString());

        assertOneLineError(stats, ExitCode.DATABASE_ERROR, "upgrade forensics-store");
        assertOneLineError(migrate, ExitCode.DATABASE_ERROR, "upgrade forensics-store");
        assertThat(DatabaseProbe.count(db, "llm_cache")).isEqualTo(1);
    }

    @Test
    void aCachePutIntoAReadOnlyDirectoryExitsWithDatabaseErrorAndOneLine() throws IOException {
        Path json = Files.writeString(dir.resolve("analysis.json"), "{\"sentiment\":\"neutral\"}");
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("mnt"), "4m")) {
            Path db = TestFiles.migrated(mount.path());
            mount.remountReadOnly();

            ChildJvm.Result result = cli(
                    "cache", "put", "--url", "https://a.example/1", "--file", json.toString(), "--db", db.toString());

            assertOneLineError(result, ExitCode.DATABASE_ERROR, "read-only");
        }
    }

    @Test
    void aCachePutWhileAnotherProcessHoldsTheLockPastTheBusyTimeoutExitsWithDatabaseErrorAndWritesNothing()
            throws IOException {
        Path db = TestFiles.migrated(dir);
        Path json = Files.writeString(dir.resolve("analysis.json"), "{\"sentiment\":\"neutral\"}");
        ChildJvm.Result result;
        // Held until the command has ended (not for a fixed 30 s that a slow JVM start could outlast).
        Path release = dir.resolve("release-the-lock");
        try (ChildJvm holder =
                ChildJvm.start(dir, LockHolderWorker.class, db.toString(), "600000", release.toString())) {
            holder.awaitLine("LOCKED", Duration.ofMinutes(5));

            result = cli(
                    "cache", "put", "--url", "https://a.example/1", "--file", json.toString(), "--db", db.toString());

            Files.createFile(release);
            assertThat(holder.await(Duration.ofMinutes(5)).out()).contains("RELEASED");
        }

        assertOneLineError(result, ExitCode.DATABASE_ERROR, "locked by another connection");
        assertThat(result.err()).contains(db.toString()).contains("5000 ms");
        assertThat(DatabaseProbe.count(db, "llm_cache")).isZero();
    }

    @Test
    void anIngestThatFillsTheDiskExitsWithDatabaseErrorSaysTheDiskIsFullAndKeepsWholeBatches() {
        Path input = Articles.generate(dir.resolve("big.jsonl"), 5_000, 2_000);
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("small-disk"), "3m")) {
            // An existing store: a new file is built aside and holds nothing under its name until the whole input is
            // valid (ADR-019), so whether its disk fills before that would depend on the threads' speeds.
            Path db = TestFiles.migrated(mount.path());

            ChildJvm.Result result = cli("ingest", "--batch-size", "100", "--db", db.toString(), input.toString());

            assertOneLineError(result, ExitCode.DATABASE_ERROR, "is full");
            long stored = DatabaseProbe.count(db, "articles");
            System.out.println(
                    "FIGURE cli-disk-full disk=3m batch=100 stored=" + stored + " exit=" + result.exitCode());
            assertThat(stored % 100).as("whole batches only").isZero();
            assertThat(stored).isPositive();
            assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
        }
    }

    private ChildJvm.Result cli(String... args) {
        return ChildJvm.run(dir, Duration.ofMinutes(5), Main.class, args);
    }

    private static void assertOneLineError(ChildJvm.Result result, int exitCode, String says) {
        assertThat(result.exitCode()).as("exit code; stderr: %s", result.err()).isEqualTo(exitCode);
        assertThat(result.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("error: ")
                .contains(says);
    }
}
