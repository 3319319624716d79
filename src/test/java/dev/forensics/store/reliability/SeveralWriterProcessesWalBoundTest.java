package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.reliability.workers.StartSignal;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.sqlite.WalReaderWorker;
import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.TestFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAL stays bounded when several processes write (ADR-018, RELIABILITY.md): four writer processes commit a fixed
 * number of LLM-cache entries each, one per transaction, while a fifth process reads without pause in short read
 * transactions (point lookups and counts). The size of the {@code -wal} file, read by this test in a loop while the
 * writers run and by every writer after each of its commits (the file grows only inside commits), never reaches
 * {@link #WAL_BOUND_BYTES}; every commit is stored and no write fails. Nothing here depends on speed: the writers write
 * a number of commits, not for a time, and every wait is a hang guard. Before ADR-018 every process's SQLite
 * autocheckpoint held the checkpoint lock in turn, the library's checkpoints came back busy, and the file grew with
 * every commit (about 10 KB each: 190 MB for these 20,000).
 */
class SeveralWriterProcessesWalBoundTest {
    /**
     * Four times {@code journal_size_limit}. The library restarts the WAL once the file reaches twice that
     * ({@link SqliteDatabase#WAL_RESTART_BYTES}, 32 MB); what more can be written is what each writer appends before its
     * next read of the file's size (32 rows, about 0.5 MB here) and while the checkpoint waits for the write lock between
     * two transactions. Measured peaks: 34.5-35.9 MB; before ADR-018, 236 MB.
     */
    static final long WAL_BOUND_BYTES = 4L * SqliteDatabase.JOURNAL_SIZE_LIMIT_BYTES;

    private static final int PROCESSES = 4;
    private static final int ENTRIES_PER_PROCESS = 5_000;
    private static final Duration HANG_GUARD = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void fourWriterProcessesBesideAReaderKeepTheWalFileUnderFourTimesTheJournalSizeLimitAndStoreEveryCommit()
            throws Exception {
        Path db = TestFiles.migrated(dir);
        File wal = db.resolveSibling(db.getFileName() + "-wal").toFile();
        Path go = dir.resolve("go");
        Path stopReading = dir.resolve("stop-reading");
        long sampledPeak = 0;
        long samples = 0;
        long reportedPeak = 0;
        String reads;
        try (ChildJvm reader = ChildJvm.start(dir, WalReaderWorker.class, db.toString(), stopReading.toString())) {
            reader.awaitLine("READY", HANG_GUARD);
            List<ChildJvm> writers = ConcurrencyTest.startCacheWriters(
                    dir, db, go, PROCESSES, ENTRIES_PER_PROCESS, "write-watching-wal");
            try {
                StartSignal.go(go);
                long deadline = System.nanoTime() + HANG_GUARD.toNanos();
                while (writers.stream().anyMatch(writer -> writer.process().isAlive())) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new AssertionError("the writers did not finish within " + HANG_GUARD
                                + " (peak -wal so far " + sampledPeak + " bytes)");
                    }
                    sampledPeak = Math.max(sampledPeak, wal.length());
                    samples++;
                    Thread.sleep(1); // a sampling interval, not a wait for anything
                }
                for (ChildJvm writer : writers) {
                    ChildJvm.Result result = writer.await(HANG_GUARD);
                    assertThat(result.exitCode())
                            .as("writer exit code; stdout: %s stderr: %s", result.out(), result.err())
                            .isZero();
                    String done = result.outLines().stream()
                            .filter(line -> line.startsWith("DONE"))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no DONE line: " + result.out()));
                    assertThat(done).contains("written=" + ENTRIES_PER_PROCESS + " errors=0");
                    assertThat(result.out()).doesNotContain("ERROR");
                    reportedPeak = Math.max(reportedPeak, Long.parseLong(done.replaceAll(".*wal-peak=", "")));
                }
            } finally {
                writers.forEach(ChildJvm::close);
            }
            Files.createFile(stopReading);
            ChildJvm.Result read = reader.await(HANG_GUARD);
            assertThat(read.exitCode())
                    .as("reader exit; stderr: %s", read.err())
                    .isZero();
            reads = read.outLines().stream()
                    .filter(line -> line.startsWith("DONE"))
                    .findFirst()
                    .orElseThrow();
        }
        long peak = Math.max(sampledPeak, reportedPeak);
        System.out.println("FIGURE several-writers-wal processes=" + PROCESSES + " commits="
                + PROCESSES * ENTRIES_PER_PROCESS
                + " wal-peak-bytes=" + peak + " (sampled " + sampledPeak + " in " + samples + " samples, writers read "
                + reportedPeak + ") bound-bytes=" + WAL_BOUND_BYTES + " reader=[" + reads + "]");

        assertThat(peak)
                .as("largest -wal size read while %d processes wrote %d commits each", PROCESSES, ENTRIES_PER_PROCESS)
                .isPositive()
                .isLessThan(WAL_BOUND_BYTES);
        assertThat(Long.parseLong(reads.replaceAll(".*reads=", "")))
                .as("the reader kept reading")
                .isPositive();
        ConcurrencyTest.assertEveryEntryIntact(db, PROCESSES, ENTRIES_PER_PROCESS);
    }
}
