package dev.forensics.store.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.StoreOptions;
import dev.forensics.store.postgres.PostgresDatabase;
import dev.forensics.store.schema.Migrator;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.EmbeddedPostgresServer;
import dev.forensics.store.testing.ProcessSignals;
import dev.forensics.store.testing.RowDigest;
import dev.forensics.store.testing.SampleStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code copy --to jdbc:postgresql://...} as a real process, killed with SIGKILL once a quarter of the articles are
 * in the target (told by the target's row count, not the clock), then run again: the target equals the source, with
 * no duplicate and no changed row.
 */
class CopyKillProcessTest {
    private static final int ARTICLES = 40_000;
    private static final int BATCH = 500;

    @TempDir
    Path dir;

    @Test
    void aCopyKilledMidwayAndRunAgainEqualsTheSourceWithNoDuplicates() throws SQLException {
        Path file = dir.resolve("source.db");
        SqliteDatabase source = new SqliteDatabase(file, StoreOptions.defaults());
        Migrator.migrate(source);
        SampleStore.fill(source, "kill", ARTICLES, 300);
        Map<String, String> expected = RowDigest.of(file.toString());
        String url = EmbeddedPostgresServer.newSchemaUrl();

        long atKill;
        try (ChildJvm copy = ChildJvm.start(
                dir,
                "dev.forensics.store.cli.Main",
                "copy",
                "--to",
                url,
                "--batch-size",
                String.valueOf(BATCH),
                "--db",
                file.toString())) {
            atKill = awaitArticlesThenKill(copy, url, ARTICLES / 4);
        }
        long afterKill = articles(url);
        System.out.println("FIGURE copy-kill articles-seen-before-kill=" + atKill + " articles-after-kill=" + afterKill
                + " of=" + ARTICLES);
        assertThat(afterKill).as("the kill came midway").isBetween(1L, ARTICLES - 1L);
        // A COMMIT the frozen process had already sent is the server's to finish: at most one batch more.
        assertThat(afterKill).as("what the frozen copy had committed").isBetween(atKill, atKill + BATCH);

        CopySummary rerun;
        try (PostgresDatabase pg = PostgresDatabase.open(url, null, null, StoreOptions.defaults())) {
            rerun = Copier.copy(source, pg, CopyListener.NONE);
        }

        assertThat(rerun.verified()).as("%s", rerun).isTrue();
        TableCopy articles = rerun.tables().get(1);
        assertThat(articles.unchanged())
                .as("rows the killed run had committed, left as they were")
                .isEqualTo(afterKill);
        assertThat(articles.inserted()).isEqualTo(ARTICLES - afterKill);
        assertThat(articles.overwritten()).isZero();
        assertThat(RowDigest.of(url)).isEqualTo(expected);
        System.out.println("FIGURE copy-rerun rows-written=" + rerun.rowsWritten() + " ms="
                + rerun.took().toMillis() + " rows-per-s="
                + rerun.rowsWritten() * 1000 / Math.max(1, rerun.took().toMillis())
                + " (machine shared with other builds)");
    }

    private static long awaitArticlesThenKill(ChildJvm copy, String url, long threshold) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(copy.process().isAlive())
                    .as("the copy ended before %d articles were in the target; stderr: %s", threshold, copy.err())
                    .isTrue();
            if (articlesIfMigrated(url) >= threshold) {
                // Frozen (SIGSTOP) before it is counted and killed: that it was midway is observed, not assumed
                // from the machine's speed.
                ProcessSignals.stop(copy.process());
                long whenFrozen = articles(url);
                assertThat(whenFrozen + BATCH)
                        .as("the copy was stopped midway (articles in the target: %s)", whenFrozen)
                        .isLessThan(ARTICLES);
                copy.kill();
                return whenFrozen;
            }
            pause();
        }
        throw new AssertionError("the target never held " + threshold + " articles; stderr: " + copy.err());
    }

    /** A poll interval: what is awaited is a row count in the target, whatever time it takes. */
    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static long articlesIfMigrated(String url) throws SQLException {
        try {
            return articles(url);
        } catch (SQLException notYetMigrated) {
            if ("42P01".equals(notYetMigrated.getSQLState())) {
                return 0; // the copy has not created the tables yet
            }
            throw notYetMigrated;
        }
    }

    private static long articles(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM articles")) {
            count.next();
            return count.getLong(1);
        }
    }
}
