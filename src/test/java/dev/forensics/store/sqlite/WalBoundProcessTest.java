package dev.forensics.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAL stays bounded in a long run: one process writes 200,000 cache entries while another reads without pause;
 * sampled every 20 ms, the {@code -wal} file never exceeds {@link #WAL_BOUND_BYTES}, and once both have closed no
 * {@code -wal} is left. Whether the writer's final TRUNCATE completed while the reader still ran is reported, not
 * asserted: a busier reader can legitimately keep it from completing (RELIABILITY.md recorded it incomplete in 1 run of
 * 3). Every wait is a hang guard, not a timing.
 */
class WalBoundProcessTest {
    /** The documented bound (README, RELIABILITY.md). */
    static final long WAL_BOUND_BYTES = 64L * 1024 * 1024;

    private static final int ENTRIES = 200_000;
    /** Far beyond the 7-54 s measured (RELIABILITY.md): only a writer that cannot finish at all reaches it. */
    private static final Duration WRITER_DEADLINE = Duration.ofMinutes(10);

    private static final Duration HANG_GUARD = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void theWalFileStaysUnderItsBoundWhileAReaderReadsWithoutPauseAndIsTruncatedAtTheEnd() throws Exception {
        Path db = TestFiles.migrated(dir);
        Path wal = dir.resolve("forensics.db-wal");
        Path stop = dir.resolve("stop-reading");
        long peak = 0;
        long samples = 0;
        try (ChildJvm reader = ChildJvm.start(dir, WalReaderWorker.class, db.toString(), stop.toString())) {
            reader.awaitLine("READY", HANG_GUARD);
            ChildJvm.Result written;
            try (ChildJvm writer =
                    ChildJvm.start(dir, WalWriterWorker.class, db.toString(), String.valueOf(ENTRIES), "1000")) {
                long deadline = System.nanoTime() + WRITER_DEADLINE.toNanos();
                while (writer.process().isAlive()) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new AssertionError("the writer did not finish " + ENTRIES + " entries within "
                                + WRITER_DEADLINE + " (peak -wal so far " + peak + " bytes); stdout: " + writer.out()
                                + " stderr: " + writer.err());
                    }
                    peak = Math.max(peak, sizeOf(wal));
                    samples++;
                    Thread.sleep(20);
                }
                written = writer.await(HANG_GUARD);
            }
            long walAfterWriter = sizeOf(wal);
            Files.createFile(stop);
            ChildJvm.Result read = reader.await(HANG_GUARD);
            long walAfterBoth = sizeOf(wal);

            assertThat(written.exitCode())
                    .as("writer exit; stderr: %s", written.err())
                    .isZero();
            assertThat(read.exitCode())
                    .as("reader exit; stderr: %s", read.err())
                    .isZero();
            String done = written.outLines().stream()
                    .filter(l -> l.startsWith("DONE"))
                    .findFirst()
                    .orElseThrow();
            String reads = read.outLines().stream()
                    .filter(l -> l.startsWith("DONE"))
                    .findFirst()
                    .orElseThrow();
            System.out.println("FIGURE wal-peak-bytes=" + peak + " wal-bound-bytes=" + WAL_BOUND_BYTES + " samples="
                    + samples + " wal-after-truncate=" + walAfterWriter + " wal-after-both-closed=" + walAfterBoth
                    + " entries=" + ENTRIES + " writer=[" + done
                    + "] reader=[" + reads + "]");

            // The final TRUNCATE with the reader still running may come back incomplete (it waits at most the busy
            // timeout for a moment with no reader in the WAL): reported above, not asserted. What is guaranteed:
            assertThat(done).contains("written=" + ENTRIES);
            assertThat(walAfterWriter)
                    .as("-wal after the writer's TRUNCATE checkpoint, reader still running")
                    .isLessThan(WAL_BOUND_BYTES);
            assertThat(walAfterBoth)
                    .as("-wal once the last connection closed (it checkpoints and removes it)")
                    .isZero();
            assertThat(peak)
                    .as("peak -wal size over %d samples", samples)
                    .isPositive()
                    .isLessThan(WAL_BOUND_BYTES);
            assertThat(Long.parseLong(reads.replaceAll(".*reads=", "")))
                    .as("the reader kept reading")
                    .isGreaterThan(1_000);
        }
        assertThat(DatabaseProbeCount.llmCache(db)).isEqualTo(ENTRIES);
    }

    private static long sizeOf(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** Counts rows through the shared probe. */
    private static final class DatabaseProbeCount {
        static long llmCache(Path db) {
            return dev.forensics.store.testing.DatabaseProbe.count(db, "llm_cache");
        }
    }
}
