package dev.forensics.store.llmcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A prune or an eviction of the whole LLM cache does not hold the pages it deletes in memory. Every SQLite connection
 * keeps its statement journals in memory (ADR-020), and a statement inside a transaction journals every page it
 * changes: one {@code DELETE} of 200,000 entries held about 100 MB of them at once (a measured 190 MB for 400,000).
 * Deleted in statements of a bounded number of entries, inside the one transaction, the journal holds one statement's
 * pages at a time. Measured in a child process, as the rise of its peak resident memory over the delete; the bound
 * is a quarter of the file, far above the few megabytes the JVM itself may move.
 */
class BulkCacheDeleteMemoryTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final int ENTRIES = 200_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"prune", "evict"})
    void deletingTheWholeCacheHoldsOneStatementsPagesInMemoryAtATime(String mode) throws Exception {
        Path db = TestFiles.migrated(dir);
        fill(db);
        long fileKb = Files.size(db) / 1024;

        ChildJvm.Result result = ChildJvm.run(dir, TIMEOUT, BulkCacheDeleteWorker.class, db.toString(), mode);

        assertThat(result.exitCode()).as(result.err()).isZero();
        Matcher figures = Pattern.compile("deleted (\\d+) growth-kb (-?\\d+)").matcher(result.out());
        assertThat(figures.find()).as(result.out()).isTrue();
        long growthKb = Long.parseLong(figures.group(2));
        System.out.println(
                "FIGURE cache-" + mode + " entries=" + ENTRIES + " file-kb=" + fileKb + " growth-kb=" + growthKb);
        assertThat(Long.parseLong(figures.group(1))).isGreaterThanOrEqualTo(ENTRIES - 1L);
        assertThat(growthKb)
                .as("peak memory rise (KiB) deleting a %s KiB file's entries", fileKb)
                .isLessThan(fileKb / 4);
        assertThat(DatabaseProbe.count(db, "llm_cache")).isLessThanOrEqualTo(1);
    }

    /** {@link #ENTRIES} entries of 500 characters cached in 2020, written directly in one transaction. */
    private static void fill(Path db) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO llm_cache (url_hash, model, url, analysis_json, cached_at, used_at, bytes)"
                            + " VALUES (?, 'm', ?, ?, ?, ?, 500)")) {
                String filler = "x".repeat(480);
                for (int i = 0; i < ENTRIES; i++) {
                    String at = String.format("2020-01-01T00:00:00.%09dZ", i);
                    insert.setString(1, String.format("h%010d", i));
                    insert.setString(2, "https://bulk.example/" + i);
                    insert.setString(3, "{\"a\":\"" + filler + i + "\"}");
                    insert.setString(4, at);
                    insert.setString(5, at);
                    insert.addBatch();
                    if (i % 10_000 == 9_999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }
}
