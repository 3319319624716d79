package dev.forensics.store.sqlite;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.metrics.MicrometerStoreMetrics;
import dev.forensics.store.testing.TestFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checkpoint API and policy: TRUNCATE empties the -wal, PASSIVE runs after large batches, a blocked episode is logged once. */
class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void aTruncateCheckpointWhenTheWriterIsIdleCopiesEveryFrameAndEmptiesTheWalFile() throws Exception {
        Path file = TestFiles.migrated(dir);
        try (Repository repo = new Repository(file, StoreOptions.defaults().withCheckpointAfterRows(0))) {
            writeEntries(repo, 0, 2_000);
            Path wal = ((SqliteDatabase) repo.database()).walFile();
            assertThat(Files.size(wal)).isPositive();

            CheckpointResult result = repo.checkpoint(CheckpointMode.TRUNCATE);

            assertThat(result.complete()).isTrue();
            assertThat(result.busy()).isFalse();
            assertThat(Files.size(wal)).isZero();
        }
    }

    @Test
    void aPassiveCheckpointRunsAfterATransactionThatBringsTheRowsWrittenToTheThreshold() throws Exception {
        Path file = TestFiles.migrated(dir);
        var registry = new SimpleMeterRegistry();
        StoreOptions options = StoreOptions.defaults().withCheckpointAfterRows(500).withMetrics(MicrometerStoreMetrics.of(registry));
        try (Repository repo = new Repository(file, options)) {
            writeEntries(repo, 0, 499);
            assertThat(passiveCheckpoints(registry)).isZero();

            writeEntries(repo, 499, 1);
            assertThat(passiveCheckpoints(registry)).isEqualTo(1);

            writeEntries(repo, 500, 499);
            assertThat(passiveCheckpoints(registry)).as("the count starts again after each checkpoint").isEqualTo(1);
        }
    }

    @Test
    void aPassiveCheckpointCannotCopyFramesAReaderStillNeedsAndSaysSo() throws Exception {
        Path file = TestFiles.migrated(dir);
        try (Repository repo = new Repository(file, StoreOptions.defaults().withCheckpointAfterRows(0));
             Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = reader.createStatement()) {
            repo.checkpoint(CheckpointMode.TRUNCATE);
            statement.execute("BEGIN");
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM llm_cache")) {
                rows.next(); // the reader now holds a snapshot from before the writes below
            }
            writeEntries(repo, 0, 200);

            CheckpointResult result = repo.checkpoint(CheckpointMode.PASSIVE);

            assertThat(result.complete()).isFalse();
            assertThat(result.checkpointedFrames()).isLessThan(result.logFrames());
            statement.execute("COMMIT");
            assertThat(repo.checkpoint(CheckpointMode.PASSIVE).complete()).as("complete once the reader has left").isTrue();
        }
    }

    @Test
    void checkpointInsideATransactionLambdaIsRefused() {
        Path file = TestFiles.migrated(dir);
        try (Repository repo = new Repository(file)) {
            assertThatThrownBy(() -> repo.useTransaction(tx -> repo.checkpoint(CheckpointMode.PASSIVE)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("after the transaction lambda");
        }
    }

    @Test
    void checkpointsBlockedByReadersAreLoggedOncePerEpisodeAfterTheWarnDelay() {
        Path file = dir.resolve("episode.db");
        CheckpointResult blocked = new CheckpointResult(CheckpointMode.PASSIVE, false, 900, 300);
        CheckpointResult done = new CheckpointResult(CheckpointMode.PASSIVE, false, 900, 900);
        long t0 = 1_000_000;

        assertThat(CheckpointWatch.observe(file, blocked, t0)).as("first incomplete one starts the episode").isFalse();
        assertThat(CheckpointWatch.blockedSince(file)).isEqualTo(t0);
        assertThat(CheckpointWatch.observe(file, blocked, t0 + CheckpointWatch.WARN_AFTER_MS)).as("warned once blocked long enough").isTrue();
        assertThat(CheckpointWatch.observe(file, blocked, t0 + 3 * CheckpointWatch.WARN_AFTER_MS)).as("not again in the same episode").isFalse();
        assertThat(CheckpointWatch.observe(file, done, t0 + 4 * CheckpointWatch.WARN_AFTER_MS)).isFalse();
        assertThat(CheckpointWatch.blockedSince(file)).as("a complete checkpoint ends the episode").isEqualTo(-1);
        assertThat(CheckpointWatch.observe(file, blocked, t0 + 5 * CheckpointWatch.WARN_AFTER_MS)).isFalse();
        assertThat(CheckpointWatch.observe(file, blocked, t0 + 6 * CheckpointWatch.WARN_AFTER_MS)).as("a new episode warns again").isTrue();
    }

    private static void writeEntries(Repository repo, int from, int count) {
        repo.useTransaction(tx -> {
            for (int i = from; i < from + count; i++) {
                tx.llmCache().put("https://a.example/" + i, "{\"verdict\":\"fine\",\"n\":" + i + "}", "model-1");
            }
        });
    }

    private static double passiveCheckpoints(SimpleMeterRegistry registry) {
        var counter = registry.find("forensics.store.checkpoints").tag("mode", "passive").counter();
        return counter == null ? 0 : counter.count();
    }
}
