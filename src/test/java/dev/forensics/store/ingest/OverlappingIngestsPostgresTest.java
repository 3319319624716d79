package dev.forensics.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.StoreOptions;
import dev.forensics.store.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ingests into one PostgreSQL database whose inputs share a URL. PostgreSQL has no database-wide write lock: the
 * second ingest does not see the first one's uncommitted row, and its write waits for that row's lock. Without
 * {@code --update}, once the first commits, the second must skip the URL (and count it skipped), not overwrite the
 * stored article. The first ingest is held in its validation (ADR-021 keeps its one batch uncommitted meanwhile)
 * until the second is seen waiting for the row lock in {@code pg_stat_activity}.
 */
class OverlappingIngestsPostgresTest {
    private static final Duration HANG_GUARD = Duration.ofMinutes(2);
    private static final int LINES = 20_000;
    private static final String SHARED_URL = "https://overlap.example/0";

    @TempDir
    Path dir;

    @Test
    void anIngestWaitingForAnotherIngestsUncommittedUrlSkipsItOnceThatCommits() throws Exception {
        StoreOptions patient = StoreOptions.defaults().withBusyTimeout(HANG_GUARD);
        try (TestDatabase db = TestDatabase.Vendor.POSTGRESQL.migrated(dir, patient)) {
            Path first = JsonLinesFixture.articles(
                    dir.resolve("first.jsonl"), "overlap.example", LINES, i -> "b".repeat(500) + i, "");
            Path second = Files.writeString(
                    dir.resolve("second.jsonl"),
                    "{\"url\": \"" + SHARED_URL + "\", \"author\": \"Second Writer\", \"title\": \"second\"}\n");
            CompletableFuture<IngestSummary> secondIngest = new CompletableFuture<>();
            IngestListener heldUntilTheSecondWaits = new IngestListener() {
                @Override
                public void validating(long lines) {
                    if (lines == LINES - 10) {
                        CompletableFuture.runAsync(() -> {
                            try {
                                secondIngest.complete(
                                        ingester(db, IngestListener.NONE).ingest(List.of(second)));
                            } catch (RuntimeException | Error e) {
                                secondIngest.completeExceptionally(e);
                            }
                        });
                        awaitAnInsertWaitingForARowLock(db.url());
                    }
                }
            };

            IngestSummary firstSummary = ingester(db, heldUntilTheSecondWaits).ingest(List.of(first));
            IngestSummary secondSummary = secondIngest.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);

            assertThat(firstSummary.inserted()).isEqualTo(LINES);
            assertThat(title(db.url(), SHARED_URL))
                    .as("the first ingest's article is kept")
                    .isEqualTo("T0");
            assertThat(List.of(secondSummary.inserted(), secondSummary.updated(), secondSummary.skipped()))
                    .as("the second ingest: inserted, updated, skipped")
                    .containsExactly(0L, 0L, 1L);
        }
    }

    private static Ingester ingester(TestDatabase db, IngestListener listener) {
        return new Ingester(db.database(), new IngestOptions(LINES, false, false), listener);
    }

    /** Until a session waits for a row lock in an {@code INSERT INTO articles} (a hang guard, not a timing). */
    private static void awaitAnInsertWaitingForARowLock(String url) {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            while (System.nanoTime() - deadline < 0) {
                try (ResultSet waiting = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO articles%'")) {
                    waiting.next();
                    if (waiting.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no ingest waited for a row lock within " + HANG_GUARD + ": " + activity(url));
    }

    private static String activity(String url) {
        StringBuilder text = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT state, wait_event_type, wait_event, left(query, 60)"
                        + " FROM pg_stat_activity WHERE backend_type = 'client backend'")) {
            while (rows.next()) {
                text.append(" | ")
                        .append(rows.getString(1))
                        .append(' ')
                        .append(rows.getString(2))
                        .append(' ')
                        .append(rows.getString(3))
                        .append(' ')
                        .append(rows.getString(4));
            }
        } catch (SQLException e) {
            text.append(e);
        }
        return text.toString();
    }

    private static String title(String url, String article) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT title FROM articles WHERE url = '" + article + "'")) {
            row.next();
            return row.getString(1);
        }
    }
}
