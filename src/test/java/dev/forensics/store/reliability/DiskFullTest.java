package dev.forensics.store.reliability;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.errors.DiskFullException;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.ScratchMount;
import dev.forensics.store.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest into a file on a small tmpfs (mounted for the test; skipped with a printed reason where {@code mount} is not
 * permitted) until the disk is full: the failing batch rolls back whole, earlier batches stay, the file passes
 * {@code integrity_check}, and the error is {@link DiskFullException} saying so.
 */
class DiskFullTest {
    private static final int BATCH = 100;
    private static final int BODY_CHARS = 2_000;

    @TempDir
    Path dir;

    @Test
    void ingestingUntilTheDiskIsFullRollsBackTheFailingBatchKeepsEarlierOnesAndSaysTheDiskIsFull() {
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("small-disk"), "3m")) {
            Path db = TestFiles.migrated(mount.path());
            int committed = 0;
            StoreException failure = null;
            try (Repository repo = new Repository(db)) {
                long author = repo.authors().upsert("filler", "Filler Author");
                while (failure == null && committed < 1_000) {
                    List<NewArticle> batch = batch(author, committed);
                    try {
                        repo.useTransaction(tx -> tx.articles().upsertAll(batch));
                        committed++;
                    } catch (StoreException e) {
                        failure = e;
                    }
                }
                assertThat(failure).as("the 3 MB disk filled up").isNotNull();
                assertThat(repo.articles().count()).as("the failing batch rolled back, on the same connection").isEqualTo((long) committed * BATCH);
            }

            System.out.println("FIGURE disk-full disk=3m batch=" + BATCH + " committed-batches=" + committed
                    + " error=" + failure.getClass().getSimpleName());
            assertThat(failure).isInstanceOf(DiskFullException.class).hasMessageContaining(db.toString()).hasMessageContaining("full");
            assertThat(committed).isPositive();
            assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
            assertThat(DatabaseProbe.count(db, "articles")).isEqualTo((long) committed * BATCH);
            try (Repository reopened = new Repository(db)) {
                String last = url(committed - 1, BATCH - 1);
                assertThat(reopened.articles().findByUrl(last)).get().satisfies(a -> assertThat(a.body()).isEqualTo(body(last)));
                assertThat(reopened.articles().existsByUrl(url(committed, 0))).as("nothing of the failing batch").isFalse();
            }
        }
    }

    private static List<NewArticle> batch(long author, int number) {
        List<NewArticle> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            String url = url(number, i);
            batch.add(new NewArticle(url, author, "batch " + number, null, body(url)));
        }
        return batch;
    }

    private static String url(int batch, int i) {
        return "https://fill.example/" + batch + "/" + i;
    }

    private static String body(String url) {
        return (url + " ").repeat(BODY_CHARS / (url.length() + 1) + 1).substring(0, BODY_CHARS);
    }
}
