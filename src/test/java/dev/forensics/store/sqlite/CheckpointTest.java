package dev.forensics.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.metrics.MicrometerStoreMetrics;
import dev.forensics.store.testing.CapturedStandardError;
import dev.forensics.store.testing.SettableClock;
import dev.forensics.store.testing.TestFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint API and policy: TRUNCATE empties the -wal, PASSIVE runs after large batches, a blocked episode is logged once. */
class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void aTruncateCheckpointWhenTheWriterIsIdleCopiesEveryFrameAndEmptiesTheWalFile() throws Exception {
        Path file = TestFiles.migrated(dir);
        try (Repository repo = new Repository(file, StoreOptions.defaults().withCheckpointAfterRows(0))) {
            writeEntries(repo, 0, 2_000);
            SqliteMaintenance maintenance = maintenance(repo);
            Path wal = maintenance.walFile();
            assertThat(Files.size(wal)).isPositive();

            CheckpointResult result = maintenance.checkpoint(CheckpointMode.TRUNCATE);

            assertThat(result.complete()).isTrue();
            assertThat(result.busy()).isFalse();
            assertThat(Files.size(wal)).isZero();
        }
    }

    @Test
    void aPassiveCheckpointRunsAfterATransactionThatBringsTheRowsWrittenToTheThreshold() throws Exception {
        Path file = TestFiles.migrated(dir);
        var registry = new SimpleMeterRegistry();
        StoreOptions options =
                StoreOptions.defaults().withCheckpointAfterRows(500).withMetrics(MicrometerStoreMetrics.of(registry));
        try (Repository repo = new Repository(file, options)) {
            writeEntries(repo, 0, 499);
            assertThat(passiveCheckpoints(registry)).isZero();

            writeEntries(repo, 499, 1);
            assertThat(passiveCheckpoints(registry)).isEqualTo(1);

            writeEntries(repo, 500, 499);
            assertThat(passiveCheckpoints(registry))
                    .as("the count starts again after each checkpoint")
                    .isEqualTo(1);
        }
    }

    @Test
    void aPassiveCheckpointCannotCopyFramesAReaderStillNeedsAndSaysSo() throws Exception {
        Path file = TestFiles.migrated(dir);
        try (Repository repo = new Repository(file, StoreOptions.defaults().withCheckpointAfterRows(0));
                Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = reader.createStatement()) {
            maintenance(repo).checkpoint(CheckpointMode.TRUNCATE);
            statement.execute("BEGIN");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM llm_cache")) {
                rows.next(); // the reader now holds a snapshot from before the writes below
            }
            writeEntries(repo, 0, 200);

            CheckpointResult result = maintenance(repo).checkpoint(CheckpointMode.PASSIVE);

            assertThat(result.complete()).isFalse();
            assertThat(result.checkpointedFrames()).isLessThan(result.logFrames());
            statement.execute("COMMIT");
            assertThat(maintenance(repo).checkpoint(CheckpointMode.PASSIVE).complete())
                    .as("complete once the reader has left")
                    .isTrue();
        }
    }

    @Test
    void maintenanceIsACapabilityOfSqliteAndRunsWithNoRepositoryOpen() throws Exception {
        Path file = TestFiles.migrated(dir);
        int openBefore = Repository.openCount();
        try (Repository repo = new Repository(file, StoreOptions.defaults().withCheckpointAfterRows(0))) {
            writeEntries(repo, 0, 100);
        }
        SqliteMaintenance maintenance = new SqliteDatabase(file, StoreOptions.defaults())
                .capability(SqliteMaintenance.class)
                .orElseThrow();

        assertThat(maintenance.checkpoint(CheckpointMode.TRUNCATE).complete()).isTrue();
        assertThat(maintenance.integrityProblems()).isEmpty();
        assertThat(maintenance.journalMode()).isEqualTo("wal");
        // Relative to before: other test classes of this JVM may hold Repositories of their own.
        assertThat(Repository.openCount()).isEqualTo(openBefore);
    }

    @Test
    void aBatchThatLeavesTheWalFileAtItsRestartSizeIsFollowedByACompleteRestartCheckpoint() {
        Path file = TestFiles.migrated(dir);
        var registry = new SimpleMeterRegistry();
        StoreOptions options =
                StoreOptions.defaults().withCheckpointAfterRows(1).withMetrics(MicrometerStoreMetrics.of(registry));
        try (Repository repo = new Repository(file, options)) {
            // About 3 KB per entry, one 4 KB page each: more than WAL_RESTART_BYTES (32 MB) in one transaction.
            repo.useTransaction(tx -> {
                for (int i = 0; i < 9_000; i++) {
                    tx.llmCache().put("https://a.example/" + i, "{\"pad\":\"" + "x".repeat(3_000) + "\"}", "model-1");
                }
            });
            assertThat(registry.find("forensics.store.checkpoints")
                            .tag("mode", "restart")
                            .tag("result", "complete")
                            .counter())
                    .as("a complete RESTART after the commit")
                    .isNotNull()
                    .satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));
        }
    }

    @Test
    void aRepositoryTurnsSqlitesAutocheckpointOffAtItsFirstCommitAndLeavesItOnWhenItsOwnCheckpointsAreOff() {
        Path file = TestFiles.migrated(dir);
        try (Repository own = new Repository(file);
                Repository sqlites =
                        new Repository(file, StoreOptions.defaults().withCheckpointAfterRows(0))) {
            assertThat(autocheckpointPages(own)).isEqualTo(SqliteDatabase.WAL_AUTOCHECKPOINT_PAGES);

            writeEntries(own, 0, 1);
            writeEntries(sqlites, 1, 1);

            assertThat(autocheckpointPages(own)).isZero();
            assertThat(autocheckpointPages(sqlites)).isEqualTo(SqliteDatabase.WAL_AUTOCHECKPOINT_PAGES);
        }
    }

    @Test
    void aCheckpointThatFoundAnotherOneRunningIsNotTakenForReadersBlockingIt() {
        Path file = dir.resolve("watched.db").toAbsolutePath();
        CheckpointResult lockHeldElsewhere = new CheckpointResult(CheckpointMode.PASSIVE, true, -1, -1);

        assertThat(lockHeldElsewhere.anotherCheckpointRunning()).isTrue();
        CheckpointWatch.observe(file, lockHeldElsewhere, 0);
        assertThat(CheckpointWatch.blockedSince(file)).isEqualTo(-1);

        CheckpointResult blockedByAReader = new CheckpointResult(CheckpointMode.PASSIVE, false, 200, 120);
        assertThat(blockedByAReader.anotherCheckpointRunning()).isFalse();
        CheckpointWatch.observe(file, blockedByAReader, 5);
        assertThat(CheckpointWatch.blockedSince(file)).isEqualTo(5);
        CheckpointWatch.observe(file, new CheckpointResult(CheckpointMode.PASSIVE, false, 200, 200), 6);
    }

    private static long autocheckpointPages(Repository repo) {
        return repo.withHandle(handle -> handle.createQuery("PRAGMA wal_autocheckpoint")
                .mapTo(Long.class)
                .one());
    }

    @Test
    void checkpointsBlockedByReadersAreLoggedOncePerEpisodeAfterTheWarnDelay() throws Exception {
        Path file = TestFiles.migrated(dir, "episode.db");
        SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
        StoreOptions options =
                StoreOptions.defaults().withCheckpointAfterRows(0).withClock(clock);
        String warning = "Checkpoint of " + file + " cannot complete";
        try (Repository repo = new Repository(file, options);
                CapturedStandardError log = CapturedStandardError.start()) {
            // Episode 1: a reader holds an old snapshot, so real PASSIVE checkpoints come back incomplete.
            try (Connection reader = readerHoldingASnapshot(file)) {
                writeEntries(repo, 0, 200);
                assertThat(maintenance(repo).checkpoint(CheckpointMode.PASSIVE).complete())
                        .as("blocked by the reader")
                        .isFalse();
                advance(clock, CheckpointWatch.WARN_AFTER_MS - 1);
                maintenance(repo).checkpoint(CheckpointMode.PASSIVE);
                assertThat(log.linesContaining(warning))
                        .as("WARN lines before the delay")
                        .isEmpty();

                advance(clock, 1);
                maintenance(repo).checkpoint(CheckpointMode.PASSIVE);
                assertThat(log.linesContaining(warning))
                        .as("WARN lines once blocked for the delay")
                        .singleElement()
                        .satisfies(line -> assertThat(line)
                                .contains("WARN")
                                .contains("blocked for " + CheckpointWatch.WARN_AFTER_MS + " ms"));

                advance(clock, 5 * CheckpointWatch.WARN_AFTER_MS);
                maintenance(repo).checkpoint(CheckpointMode.PASSIVE);
                assertThat(log.linesContaining(warning))
                        .as("WARN lines later in the same episode")
                        .hasSize(1);
            }
            // The reader left: a complete checkpoint ends the episode.
            assertThat(maintenance(repo).checkpoint(CheckpointMode.PASSIVE).complete())
                    .isTrue();
            assertThat(CheckpointWatch.blockedSince(file.toAbsolutePath().normalize()))
                    .as("the episode ended")
                    .isEqualTo(-1);

            // Episode 2 warns again, once.
            try (Connection reader = readerHoldingASnapshot(file)) {
                writeEntries(repo, 200, 200);
                assertThat(maintenance(repo).checkpoint(CheckpointMode.PASSIVE).complete())
                        .isFalse();
                advance(clock, CheckpointWatch.WARN_AFTER_MS);
                maintenance(repo).checkpoint(CheckpointMode.PASSIVE);
                advance(clock, CheckpointWatch.WARN_AFTER_MS);
                maintenance(repo).checkpoint(CheckpointMode.PASSIVE);
            }
            assertThat(log.linesContaining(warning))
                    .as("WARN lines after a second episode")
                    .hasSize(2);
        }
    }

    /** A raw connection inside a read transaction that has read, so it holds a snapshot until it is closed. */
    private static Connection readerHoldingASnapshot(Path file) throws Exception {
        Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = reader.createStatement()) {
            statement.execute("BEGIN");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM llm_cache")) {
                rows.next();
            }
        }
        return reader;
    }

    private static void advance(SettableClock clock, long millis) {
        clock.set(clock.instant().plusMillis(millis));
    }

    private static SqliteMaintenance maintenance(Repository repo) {
        return repo.database().capability(SqliteMaintenance.class).orElseThrow();
    }

    private static void writeEntries(Repository repo, int from, int count) {
        repo.useTransaction(tx -> {
            for (int i = from; i < from + count; i++) {
                tx.llmCache().put("https://a.example/" + i, "{\"verdict\":\"fine\",\"n\":" + i + "}", "model-1");
            }
        });
    }

    private static double passiveCheckpoints(SimpleMeterRegistry registry) {
        var counter = registry.find("forensics.store.checkpoints")
                .tag("mode", "passive")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
