package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.errors.DiskFullException;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.ScratchMount;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write outside a transaction either stores its row or throws: on a real full disk (a 3 MB tmpfs mounted for the
 * test) the number of calls that returned normally equals the number of rows stored, and every other call threw
 * {@link DiskFullException}. Before issue 11, {@code INSERT ... RETURNING} read one row and closed its statement; SQLite
 * commits an autocommit write when the statement is reset, and sqlite-jdbc dropped that reset's error: 100 calls
 * returned normally and 45 rows were stored.
 */
class WriteDurabilityTest {
    private static final int CALLS = 100;
    private static final int BODY_CHARS = 50_000;

    @TempDir
    Path dir;

    @Test
    void articleUpsertsOnAFullDiskStoreExactlyTheRowsOfTheCallsThatReturned() {
        fill("article-upsert", "articles", (repo, i) -> repo.articles().upsert(article(repo, i)));
    }

    @Test
    void articleBatchesOnAFullDiskStoreExactlyTheRowsOfTheCallsThatReturned() {
        fill("article-batch", "articles", (repo, i) -> repo.articles().upsertAll(List.of(article(repo, i))));
    }

    @Test
    void authorUpsertsOnAFullDiskStoreExactlyTheRowsOfTheCallsThatReturned() {
        fill("author-upsert", "authors", (repo, i) -> repo.authors().upsert("author-" + i, body(i)));
    }

    @Test
    void cachePutsOnAFullDiskStoreExactlyTheRowsOfTheCallsThatReturned() {
        fill(
                "cache-put",
                "llm_cache",
                (repo, i) -> repo.llmCache().put("https://cache.test/" + i, "{\"b\":\"" + body(i) + "\"}", "m"));
    }

    @Test
    void recordedFetchesOnAFullDiskStoreExactlyTheBodiesOfTheCallsThatReturned() {
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("small-disk"), "3m")) {
            Path db = TestFiles.migrated(mount.path());
            try (Repository repo = new Repository(db)) {
                long author = repo.authors().upsert("a", "A");
                repo.useTransaction(tx -> {
                    for (int i = 0; i < CALLS; i++) {
                        tx.articles().upsert(new NewArticle(url(i), author, "t", null, null));
                    }
                });
                int returned = 0;
                List<Throwable> failures = new ArrayList<>();
                for (int i = 0; i < CALLS; i++) {
                    try {
                        repo.articles().recordFetch(url(i), body(i));
                        returned++;
                    } catch (StoreException e) {
                        failures.add(e);
                    }
                }
                long stored =
                        Long.parseLong(DatabaseProbe.strings(db, "SELECT count(*) FROM articles WHERE body IS NOT NULL")
                                .get(0));
                report("record-fetch", returned, stored, failures);
            }
        }
    }

    private void fill(String name, String table, BiConsumer<Repository, Integer> write) {
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("small-disk"), "3m")) {
            Path db = TestFiles.migrated(mount.path());
            long before = DatabaseProbe.count(db, table);
            int returned = 0;
            List<Throwable> failures = new ArrayList<>();
            try (Repository repo = new Repository(db)) {
                for (int i = 0; i < CALLS; i++) {
                    try {
                        write.accept(repo, i);
                        returned++;
                    } catch (StoreException e) {
                        failures.add(e);
                    }
                }
            }
            report(name, returned, DatabaseProbe.count(db, table) - before, failures);
            assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
        }
    }

    private static void report(String name, int returned, long stored, List<Throwable> failures) {
        System.out.println("FIGURE full-disk-writes path=" + name + " calls=" + CALLS + " returned=" + returned
                + " stored=" + stored + " threw=" + failures.size());
        assertThat(failures).as("the disk filled up during the run").isNotEmpty();
        assertThat(stored).as("rows stored = calls that returned normally").isEqualTo(returned);
        assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOf(DiskFullException.class));
    }

    private static long authorOf(Repository repo) {
        return repo.authors()
                .findBySlug("a")
                .map(a -> a.id())
                .orElseGet(() -> repo.authors().upsert("a", "A"));
    }

    private static NewArticle article(Repository repo, int i) {
        return new NewArticle(url(i), authorOf(repo), "t", null, body(i));
    }

    private static String url(int i) {
        return "https://full.test/" + i;
    }

    private static String body(int i) {
        return String.valueOf((char) ('a' + i % 26)).repeat(BODY_CHARS) + i;
    }
}
