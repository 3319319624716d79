package dev.forensics.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.StoreOptions;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input that fits one batch is written while it is validated (ADR-021), but a validation that outlasts half the
 * busy timeout does not keep the write lock from other writers: the speculative batch is rolled back and the input is
 * validated first. Two scrapers ingesting at once into one store each waited for the other's whole validation, and the
 * second failed with "stayed locked ... for the whole busy timeout" where the validate-first code let it through. Nor
 * does a one-batch ingest that finds the lock taken fail where validating first would have waited its turn after the
 * validation: its speculative batch gives up on the busy lock and the input is validated first.
 */
class OneBatchLockBoundTest {
    /** Another writer's busy timeout: a hang guard, far beyond the ingest's own. */
    private static final Duration OTHER_WRITERS_WAIT = Duration.ofSeconds(60);
    /** The ingest's busy timeout: its speculation gives the lock back after half of it. */
    private static final Duration INGEST_BUSY_TIMEOUT = Duration.ofSeconds(1);

    private static final int LINES = 2_000;

    @TempDir
    Path dir;

    @Test
    void anotherWriterGetsTheWriteLockWhileAOneBatchValidationIsHeld() throws IOException {
        Path db = TestFiles.migrated(dir);
        Path input = JsonLinesFixture.articles(dir.resolve("in.jsonl"), "bound.example", LINES, i -> "body " + i, "");
        List<String> seen = new ArrayList<>();
        IngestListener heldNearTheEnd = new IngestListener() {
            @Override
            public void validating(long lines) {
                if (lines == LINES - 10) {
                    seen.add("another writer got the lock: " + anotherWriterCommits(db));
                    seen.add("stored meanwhile: " + DatabaseProbe.count(db, "articles"));
                }
            }
        };

        IngestSummary summary = new Ingester(
                        new SqliteDatabase(db, StoreOptions.defaults().withBusyTimeout(INGEST_BUSY_TIMEOUT)),
                        new IngestOptions(LINES, false, false),
                        heldNearTheEnd)
                .ingest(List.of(input));

        assertThat(seen).containsExactly("another writer got the lock: true", "stored meanwhile: 0");
        assertThat(summary.inserted()).isEqualTo(LINES);
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(LINES);
        assertThat(DatabaseProbe.count(db, "llm_cache_bound")).isOne();
    }

    @Test
    void aOneBatchIngestStartedWhileAnotherWriterHoldsTheLockValidatesFirstThenWaitsItsTurn() throws Exception {
        Path db = TestFiles.migrated(dir);
        Path input = JsonLinesFixture.articles(dir.resolve("in.jsonl"), "turn.example", LINES, i -> "body " + i, "");
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = holder.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            IngestListener releasedOnceValidated = new IngestListener() {
                @Override
                public void writing(long total) {
                    try {
                        statement.execute("ROLLBACK");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            };

            IngestSummary summary = new Ingester(
                            new SqliteDatabase(db, StoreOptions.defaults().withBusyTimeout(INGEST_BUSY_TIMEOUT)),
                            new IngestOptions(LINES, false, false),
                            releasedOnceValidated)
                    .ingest(List.of(input));

            assertThat(summary.inserted()).isEqualTo(LINES);
        }
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(LINES);
    }

    /** Whether another connection, waiting up to {@link #OTHER_WRITERS_WAIT}, takes the write lock and commits. */
    private static boolean anotherWriterCommits(Path db) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + OTHER_WRITERS_WAIT.toMillis());
            try {
                statement.execute("BEGIN IMMEDIATE");
            } catch (SQLException busy) {
                return false;
            }
            statement.execute("UPDATE llm_cache_bound SET max_entries = 0 WHERE id = 1");
            statement.execute("COMMIT");
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
