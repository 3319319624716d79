package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.ProcessSignals;
import dev.forensics.store.testing.TestFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code ingest} process into an existing store whose input fits one {@code --batch-size} batch, caught while
 * that batch's one transaction is open and uncommitted (ADR-021): frozen (SIGSTOP) once another connection cannot
 * take the write lock, and seen to hold it with nothing committed. SIGTERM then prints a line that says exactly what
 * the store holds; SIGKILL leaves nothing and a sound file; the same command run again finishes the job.
 */
class OneBatchIngestProcessTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final int LINES = 60_000;
    private static final String RERUN = "; run the same command again to finish the job";

    @TempDir
    Path dir;

    @Test
    void sigtermWhileTheOneBatchIsWrittenButUncommittedPrintsALineThatSaysExactlyWhatIsStored() throws Exception {
        Path db = TestFiles.migrated(dir);
        Path input = input();

        ChildJvm.Result result;
        try (ChildJvm ingest = caughtWithTheBatchOpen(db, input)) {
            ingest.process().destroy();
            ProcessSignals.resume(ingest.process());
            result = ingest.await(TIMEOUT);
        }

        long stored = DatabaseProbe.count(db, "articles");
        System.out.println("FIGURE one-batch-sigterm lines=" + LINES + " committed=" + stored);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(143);
        assertThat(result.err()).doesNotContain("\tat ");
        Matcher committed = Pattern.compile("(?m)^interrupted: (\\d+) of " + LINES + " records committed to "
                        + Pattern.quote(db.toString()) + " in whole batches, the rest not written"
                        + Pattern.quote(RERUN)
                        + "$")
                .matcher(result.err());
        if (committed.find()) {
            assertThat(Long.parseLong(committed.group(1)))
                    .as("the line says exactly what is stored")
                    .isEqualTo(stored)
                    .isIn(0L, (long) LINES);
        } else {
            assertThat(result.err()).contains("interrupted: no article was written to " + db + RERUN);
            assertThat(stored).as("nothing stored, as the line says").isZero();
        }
        assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
        assertTheSameCommandFinishesTheJob(db, input);
    }

    @Test
    void sigkillWhileTheOneBatchIsWrittenButUncommittedLeavesNothingAndTheNextRunFinishesTheJob() throws Exception {
        Path db = TestFiles.migrated(dir);
        Path input = input();

        try (ChildJvm ingest = caughtWithTheBatchOpen(db, input)) {
            ingest.kill();
        }

        assertThat(DatabaseProbe.count(db, "articles")).isZero();
        assertThat(DatabaseProbe.count(db, "authors")).isZero();
        assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
        assertTheSameCommandFinishesTheJob(db, input);
    }

    private void assertTheSameCommandFinishesTheJob(Path db, Path input) {
        ChildJvm.Result again = ChildJvm.run(dir, TIMEOUT, Main.class, command(db, input));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(LINES);
        assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
    }

    /**
     * Starts the ingest and freezes it (SIGSTOP) once another connection cannot take the write lock; fails unless,
     * frozen, it still holds the lock with nothing committed: caught mid-batch by observation, not by timing.
     */
    private ChildJvm caughtWithTheBatchOpen(Path db, Path input) throws InterruptedException {
        ChildJvm ingest = ChildJvm.start(dir, Main.class, command(db, input));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (DatabaseProbe.writeLockFree(db)) {
            assertThat(ingest.process().isAlive())
                    .as("the ingest ended before its batch was seen open: %s", ingest.err())
                    .isTrue();
            assertThat(System.nanoTime() - deadline).as("hang guard").isNegative();
            Thread.onSpinWait();
        }
        ProcessSignals.stop(ingest.process());
        assertThat(DatabaseProbe.writeLockFree(db))
                .as("the frozen ingest holds the write lock")
                .isFalse();
        assertThat(DatabaseProbe.count(db, "articles"))
                .as("nothing committed yet")
                .isZero();
        return ingest;
    }

    private static String[] command(Path db, Path input) {
        return new String[] {"ingest", "--batch-size", String.valueOf(LINES), "--db", db.toString(), input.toString()};
    }

    /** {@link #LINES} valid articles of about 1 KB each: one batch, whose validation takes a while. */
    private Path input() throws IOException {
        Path input = dir.resolve("one-batch.jsonl");
        String body = "b".repeat(1_000);
        try (BufferedWriter out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES; i++) {
                out.write("{\"url\": \"https://one-batch-process.example/" + i + "\", \"author\": \"Author " + (i % 7)
                        + "\", \"title\": \"T" + i + "\", \"body\": \"" + body + i + "\"}\n");
            }
        }
        return input;
    }
}
