package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandTest {
    private static final int COMMITTED = 3_000;
    private static final int BATCH = 100;
    private static final int IN_FLIGHT = BATCH / 2;

    @TempDir
    Path dir;

    @Test
    void aBackupTakenWhileAnotherProcessIsInTheMiddleOfAnIngestBatchHoldsTheCommittedBatchesOnlyAndPassesCheck()
            throws Exception {
        Path db = dir.resolve("forensics.db");
        Path input = Articles.generate(dir.resolve("committed.jsonl"), COMMITTED, 200);
        Cli.Result ingested = Cli.run(db, "ingest", "--batch-size", String.valueOf(BATCH), input.toString());
        assertThat(ingested.exitCode()).as(ingested.err()).isZero();
        Path backup = dir.resolve("backup.db");

        // The next batch is in flight, by construction rather than by timing: another process has written half of it
        // and holds the write transaction open until the backup has finished.
        Path release = dir.resolve("release");
        Cli.Result result;
        try (ChildJvm writer = ChildJvm.start(
                dir, InFlightBatchWorker.class, db.toString(), String.valueOf(IN_FLIGHT), release.toString())) {
            writer.awaitLine("IN-FLIGHT", Duration.ofMinutes(5));

            result = Cli.run(db, "backup", "--to", backup.toString());

            Files.createFile(release);
            ChildJvm.Result finished = writer.await(Duration.ofMinutes(5));
            assertThat(finished.exitCode()).as(finished.err()).isZero();
        }

        assertThat(result.exitCode()).as(result.err()).isZero();
        Cli.Result check = Cli.run(backup, "check");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        long copied = IngestCommandTest.counts(backup)[1];
        System.out.println("FIGURE backup-during-batch articles-in-backup=" + copied + " committed=" + COMMITTED
                + " in-flight=" + IN_FLIGHT);
        assertThat(copied).as("the backup holds the committed batches only").isEqualTo(COMMITTED);
        assertThat(IngestCommandTest.counts(db)[1])
                .as("the in-flight batch committed after the backup")
                .isEqualTo(COMMITTED + IN_FLIGHT);
    }

    @Test
    void backupRefusesToOverwriteAnExistingFile() throws Exception {
        Path db = TestFiles.migrated(dir);
        Path existing = Files.writeString(dir.resolve("keep.db"), "precious");

        Cli.Result result = Cli.run(db, "backup", "--to", existing.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString().startsWith("error: will not overwrite " + existing);
        assertThat(Files.readString(existing)).isEqualTo("precious");
    }

    @Test
    void restoreOfABackupPrintsWhatItRestoredAndTheDatabaseHoldsTheBackup() {
        Path db = TestFiles.migrated(dir);
        Cli.run(db, "ingest", Articles.SAMPLE.toString());
        Path backup = dir.resolve("backup.db");
        Cli.run(db, "backup", "--to", backup.toString());
        Cli.run(
                db,
                "ingest",
                Articles.generate(dir.resolve("more.jsonl"), 10, 100).toString());

        Cli.Result restore = Cli.run(db, "restore", "--from", backup.toString());

        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).startsWith("restored " + db.toAbsolutePath() + " from " + backup.toAbsolutePath());
        assertThat(IngestCommandTest.counts(db)).isEqualTo(IngestCommandTest.counts(backup));
    }

    @Test
    void restoreFromAFileThatIsNotADatabaseFailsWithOneLineNamingItAndExitThree() throws Exception {
        Path db = TestFiles.migrated(dir);
        Path junk = Files.writeString(dir.resolve("junk.db"), "not a database at all");

        Cli.Result restore = Cli.run(db, "restore", "--from", junk.toString());

        assertThat(restore.exitCode()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(restore.errLines())
                .singleElement()
                .asString()
                .startsWith("error: backup " + junk.toAbsolutePath() + " is not a SQLite database");
    }
}
