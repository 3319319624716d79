package dev.forensics.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.StoreOptions;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest into an existing store whose input fits one batch is written while it is validated, in one transaction
 * that commits only once the whole input is valid (ADR-021); a larger input is validated first, as before.
 */
class OneBatchIngestTest {
    private static final Duration HANG_GUARD = Duration.ofMinutes(2);
    private static final int LINES = 2_000;

    @TempDir
    Path dir;

    @Test
    void whileTheInputIsValidatedItsRecordsAreBeingWrittenButNoneIsCommitted() throws IOException {
        Path db = TestFiles.migrated(dir);
        Path input = articles("in.jsonl", LINES, "");
        List<String> seen = new ArrayList<>();
        IngestListener heldNearTheEnd = nearTheEnd(() -> {
            seen.add("write lock held: " + awaitWriteLockTaken(db));
            seen.add("stored meanwhile: " + DatabaseProbe.count(db, "articles"));
        });

        IngestSummary summary = ingester(db, LINES, heldNearTheEnd).ingest(List.of(input));

        assertThat(seen).containsExactly("write lock held: true", "stored meanwhile: 0");
        assertThat(summary.inserted()).isEqualTo(LINES);
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(LINES);
    }

    @Test
    void anInvalidLastLineRollsBackWhatWasWrittenWhileValidating() throws IOException {
        Path db = TestFiles.migrated(dir);
        Path input = articles("in.jsonl", LINES, "{\"url\": \"not a url\"}\n");

        assertThatThrownBy(() -> ingester(db, LINES * 2, IngestListener.NONE).ingest(List.of(input)))
                .isInstanceOf(InvalidIngestInputException.class)
                .hasMessageContaining("in.jsonl:" + (LINES + 1));

        assertThat(DatabaseProbe.count(db, "articles")).isZero();
        assertThat(DatabaseProbe.count(db, "authors")).isZero();
        assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
    }

    @Test
    void anInputLargerThanOneBatchCommitsNoBatchBeforeTheWholeInputIsValid() throws IOException {
        Path db = TestFiles.migrated(dir);
        Path input = articles("in.jsonl", LINES, "");
        List<String> seen = new ArrayList<>();
        IngestListener heldNearTheEnd =
                nearTheEnd(() -> seen.add("stored meanwhile: " + DatabaseProbe.count(db, "articles")));

        IngestSummary summary = ingester(db, LINES / 4, heldNearTheEnd).ingest(List.of(input));

        assertThat(seen).containsExactly("stored meanwhile: 0");
        assertThat(summary.inserted()).isEqualTo(LINES);
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(LINES);
    }

    @Test
    void theOutcomeIsThatOfWritingTheRecordsOneByOneWhenTheInputFitsOneBatch() throws IOException {
        Path db = TestFiles.migrated(dir);
        ingester(db, LINES, IngestListener.NONE).ingest(List.of(articles("first.jsonl", LINES / 2, "")));
        Path again = articles("again.jsonl", LINES, "");

        IngestSummary summary = ingester(db, LINES, IngestListener.NONE).ingest(List.of(again));

        assertThat(summary.inserted()).isEqualTo(LINES / 2);
        assertThat(summary.skipped()).isEqualTo(LINES / 2);
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(LINES);
    }

    /** A listener that runs {@code check} on the validation thread, ten lines before the end of the input. */
    private static IngestListener nearTheEnd(Runnable check) {
        return new IngestListener() {
            @Override
            public void validating(long lines) {
                if (lines == LINES - 10) {
                    check.run();
                }
            }
        };
    }

    /**
     * Whether the ingest takes the write lock while the validation is held: true once another connection's
     * {@code BEGIN IMMEDIATE} is refused at once (waited for with a hang guard, not a timing), false after the guard.
     */
    private static boolean awaitWriteLockTaken(Path db) {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!DatabaseProbe.writeLockFree(db)) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /**
     * An ingester whose busy timeout is the hang guard: a batch written while validating keeps the lock for at most half
     * of it (OneBatchLockBoundTest), far longer than the checks made while the validation is held.
     */
    private Ingester ingester(Path db, int batchSize, IngestListener listener) {
        return new Ingester(
                new SqliteDatabase(db, StoreOptions.defaults().withBusyTimeout(HANG_GUARD.multipliedBy(2))),
                new IngestOptions(batchSize, false, false),
                listener);
    }

    private Path articles(String name, int count, String tail) throws IOException {
        return JsonLinesFixture.articles(dir.resolve(name), "one-batch.example", count, i -> "body " + i, tail);
    }
}
