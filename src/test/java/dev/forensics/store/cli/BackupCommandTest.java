package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandTest {
    private static final int TOTAL = 30_000;
    private static final int BATCH = 100;

    @TempDir
    Path dir;

    @Test
    void aBackupTakenDuringAConcurrentIngestOpensAndPassesCheck() throws Exception {
        Path db = dir.resolve("forensics.db");
        Path input = Articles.generate(dir.resolve("big.jsonl"), TOTAL, 200);
        Path backup = dir.resolve("backup.db");
        CompletableFuture<Cli.Result> ingest = CompletableFuture.supplyAsync(
                () -> Cli.run(db, "ingest", "--batch-size", String.valueOf(BATCH), input.toString()));
        waitForArticles(db);

        Cli.Result result = Cli.run(db, "backup", "--to", backup.toString());
        boolean ingestStillRunning = !ingest.isDone();
        Cli.Result ingested = ingest.get(5, TimeUnit.MINUTES);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(ingested.exitCode()).as(ingested.err()).isZero();
        Cli.Result check = Cli.run(backup, "check");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        long copied = IngestCommandTest.counts(backup)[1];
        System.out.println("FIGURE backup-during-ingest articles-in-backup=" + copied + " of=" + TOTAL
                + " ingest-still-running=" + ingestStillRunning);
        assertThat(copied % BATCH).as("a backup holds whole batches only").isZero();
        assertThat(copied).isPositive().isLessThan(TOTAL);
        assertThat(IngestCommandTest.counts(db)[1]).isEqualTo(TOTAL);
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

    private static void waitForArticles(Path db) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            try (Repository repo = new Repository(db)) {
                if (repo.articles().count() > 0) {
                    return;
                }
            } catch (StoreException notYetMigrated) {
                // The ingest has not created or migrated the file yet: poll again.
                Thread.onSpinWait();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no article appeared in " + db + " within 2 minutes");
    }
}
