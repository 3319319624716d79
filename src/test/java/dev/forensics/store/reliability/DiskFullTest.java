package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.errors.DiskFullException;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.ScratchMount;
import dev.forensics.store.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest into a file on a small tmpfs (mounted for the test; skipped with a printed reason where {@code mount} is not
 * permitted) until the disk is full: the failing batch rolls back whole, earlier batches stay, the file passes
 * {@code integrity_check}, the error is {@link DiskFullException} saying so, and once space is freed the same
 * Repository writes the batch that failed.
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
            Filled filled;
            try (Repository repo = new Repository(db)) {
                filled = fillUntilFull(repo);
                assertThat(repo.articles().count())
                        .as("the failing batch rolled back, on the same connection")
                        .isEqualTo((long) filled.committed() * BATCH);
            }

            System.out.println("FIGURE disk-full disk=3m batch=" + BATCH + " committed-batches=" + filled.committed()
                    + " error=" + filled.failure().getClass().getSimpleName());
            assertThat(filled.failure())
                    .isInstanceOf(DiskFullException.class)
                    .hasMessageContaining(db.toString())
                    .hasMessageContaining("full");
            assertThat(filled.committed()).isPositive();
            assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
            assertThat(DatabaseProbe.count(db, "articles")).isEqualTo((long) filled.committed() * BATCH);
            try (Repository reopened = new Repository(db)) {
                String last = url(filled.committed() - 1, BATCH - 1);
                assertThat(reopened.articles().findByUrl(last))
                        .get()
                        .satisfies(a -> assertThat(a.body()).isEqualTo(body(last)));
                assertThat(reopened.articles().existsByUrl(url(filled.committed(), 0)))
                        .as("nothing of the failing batch")
                        .isFalse();
            }
        }
    }

    @Test
    void onceSpaceIsFreedTheSameRepositoryWritesTheBatchThatFailed() throws IOException {
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("small-disk"), "3m")) {
            Path db = TestFiles.migrated(mount.path());
            Path filler = Files.write(mount.path().resolve("filler.bin"), new byte[512 * 1024]);
            try (Repository repo = new Repository(db)) {
                Filled filled = fillUntilFull(repo);
                assertThat(filled.failure()).isInstanceOf(DiskFullException.class);

                Files.delete(filler);
                repo.useTransaction(tx -> tx.articles().upsertAll(batch(filled.author(), filled.committed())));

                assertThat(repo.articles().count()).isEqualTo((long) (filled.committed() + 1) * BATCH);
            }
            assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
        }
    }

    /** How far an ingest got before the disk was full, and the error that stopped it. */
    private record Filled(long author, int committed, StoreException failure) {}

    /** Commits batches until one fails (the disk is full); fails the test if 1,000 batches fit. */
    private static Filled fillUntilFull(Repository repo) {
        long author = repo.authors().upsert("filler", "Filler Author");
        for (int committed = 0; committed < 1_000; committed++) {
            List<NewArticle> batch = batch(author, committed);
            try {
                repo.useTransaction(tx -> tx.articles().upsertAll(batch));
            } catch (StoreException e) {
                return new Filled(author, committed, e);
            }
        }
        throw new AssertionError("1,000 batches fit on a 3 MB disk: it never filled");
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
