package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.errors.ConstraintViolationException;
import dev.forensics.store.errors.DiskFullException;
import dev.forensics.store.errors.TransactionRolledBackException;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.ScratchMount;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction is all or nothing even when SQLite ends it by itself. After {@code SQLITE_FULL} SQLite may roll the
 * whole transaction back, savepoints included ("Response To Errors Within A Transaction"); before issue 11 a lambda
 * that caught the nested block's {@link DiskFullException}, as the README invites, went on in autocommit: its later
 * writes were committed one by one, the first write of the transaction was lost, and the final COMMIT failed with "no
 * transaction is active". Real full disk: a 3 MB tmpfs mounted for the test.
 */
class TransactionPoisoningTest {
    private static final int BODY_CHARS = 50_000;

    @TempDir
    Path dir;

    @Test
    void afterADiskFullInANestedBlockEveryFurtherStatementThrowsAndTheTransactionIsRolledBackWhole() {
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("small-disk"), "3m")) {
            Path db = TestFiles.migrated(mount.path());
            List<Throwable> afterwards = new ArrayList<>();
            Throwable outcome;
            try (Repository repo = new Repository(db)) {
                outcome = catchThrowable(() -> repo.useTransaction(tx -> {
                    long author = tx.authors().upsert("first", "First Author");
                    tx.articles().upsert(article(author, "https://poison.test/first", "short"));
                    for (int i = 0; i < 1_000; i++) {
                        int n = i;
                        try {
                            tx.useTransaction(inner ->
                                    inner.articles().upsert(article(author, "https://poison.test/big/" + n, big(n))));
                        } catch (DiskFullException full) {
                            break; // the outer lambda decides to carry on, as the README allows
                        }
                    }
                    afterwards.add(catchThrowable(() -> tx.authors().upsert("after", "After Author")));
                    afterwards.add(catchThrowable(
                            () -> tx.articles().upsert(article(author, "https://poison.test/after", "short"))));
                    afterwards.add(catchThrowable(() -> tx.llmCache().put("https://poison.test/after", "{}")));
                    afterwards.add(catchThrowable(() -> tx.articles().count()));
                    afterwards.add(catchThrowable(
                            () -> tx.useTransaction(inner -> inner.authors().count())));
                }));
                assertThat(repo.authors().count())
                        .as("the same Repository works again after the rollback")
                        .isZero();
            }
            System.out.println("FIGURE poisoned-transaction outcome=" + simpleName(outcome) + " statements-after-full="
                    + afterwards.size() + " threw="
                    + afterwards.stream()
                            .filter(TransactionRolledBackException.class::isInstance)
                            .count()
                    + " authors=" + DatabaseProbe.count(db, "authors") + " articles="
                    + DatabaseProbe.count(db, "articles")
                    + " cache=" + DatabaseProbe.count(db, "llm_cache"));
            assertThat(afterwards)
                    .allSatisfy(e -> assertThat(e)
                            .isInstanceOf(TransactionRolledBackException.class)
                            .hasMessageContaining(db.toString())
                            .hasMessageContaining("rolled back")
                            .hasRootCauseInstanceOf(Exception.class));
            assertThat(outcome)
                    .isInstanceOf(TransactionRolledBackException.class)
                    .hasMessageContaining("nothing of it was written")
                    .hasMessageContaining("full");
            assertThat(((TransactionRolledBackException) outcome).reason()).isInstanceOf(DiskFullException.class);
            assertThat(DatabaseProbe.count(db, "authors"))
                    .as("the first write is not lost while later ones are kept: none")
                    .isZero();
            assertThat(DatabaseProbe.count(db, "articles")).isZero();
            assertThat(DatabaseProbe.count(db, "llm_cache")).isZero();
            assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
        }
    }

    @Test
    void aLambdaThatSwallowsTheDiskFullOfItsOwnStatementCannotCommitTheRest() {
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("small-disk"), "3m")) {
            Path db = TestFiles.migrated(mount.path());
            try (Repository repo = new Repository(db)) {
                assertThatThrownBy(() -> repo.useTransaction(tx -> {
                            long author = tx.authors().upsert("first", "First Author");
                            for (int i = 0; i < 1_000; i++) {
                                try {
                                    tx.articles().upsert(article(author, "https://poison.test/big/" + i, big(i)));
                                } catch (StoreException swallowed) {
                                    break;
                                }
                            }
                        }))
                        .isInstanceOf(TransactionRolledBackException.class)
                        .satisfies(e -> assertThat(((TransactionRolledBackException) e).reason())
                                .isInstanceOf(DiskFullException.class));
            }
            assertThat(DatabaseProbe.count(db, "authors")).isZero();
            assertThat(DatabaseProbe.count(db, "articles")).isZero();
        }
    }

    @Test
    void aConstraintErrorCaughtInsideATransactionLeavesItOpenAndTheRestCommits() {
        Path db = TestFiles.migrated(dir);
        try (Repository repo = new Repository(db)) {
            repo.useTransaction(tx -> {
                long author = tx.authors().upsert("a", "A");
                assertThatThrownBy(() -> tx.articles().upsert(article(author + 99, "https://poison.test/orphan", "x")))
                        .isInstanceOf(ConstraintViolationException.class);
                tx.articles().upsert(article(author, "https://poison.test/kept", "x"));
            });
        }
        assertThat(DatabaseProbe.count(db, "authors")).isEqualTo(1);
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(1);
    }

    @Test
    void aTransactionWhoseCommitFindsTheDiskFullThrowsAndStoresNothingAndTheNextOneWorksOnceSpaceIsFree()
            throws Exception {
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("small-disk"), "3m")) {
            Path db = TestFiles.migrated(mount.path());
            Path filler = mount.path().resolve("filler.bin");
            try (Repository repo = new Repository(db)) {
                long author = repo.authors().upsert("a", "A");
                repo.database()
                        .capability(dev.forensics.store.sqlite.SqliteMaintenance.class)
                        .orElseThrow()
                        .checkpoint(dev.forensics.store.sqlite.CheckpointMode.TRUNCATE);
                fillLeaving(filler, mount.path(), 400 * 1024);
                // 16 x 50 KB: fits SQLite's page cache, so the pages reach the -wal only at COMMIT
                Throwable failure = catchThrowable(() -> repo.useTransaction(tx -> {
                    for (int i = 0; i < 16; i++) {
                        tx.articles().upsert(article(author, "https://commit.test/" + i, big(i)));
                    }
                }));
                System.out.println("FIGURE full-at-commit outcome=" + simpleName(failure) + " articles="
                        + repo.articles().count());
                assertThat(failure).isInstanceOf(StoreException.class).hasMessageContaining("full");
                assertThat(repo.articles().count()).isZero();
                Files.delete(filler);
                repo.useTransaction(tx -> tx.articles().upsert(article(author, "https://commit.test/after", "x")));
                assertThat(repo.articles().count()).isEqualTo(1);
            }
            assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
        }
    }

    private static void fillLeaving(Path filler, Path mount, long free) throws Exception {
        long usable = Files.getFileStore(mount).getUsableSpace();
        Files.write(filler, new byte[(int) Math.max(0, usable - free)]);
    }

    private static String simpleName(Throwable t) {
        return t == null ? "returned" : t.getClass().getSimpleName();
    }

    private static NewArticle article(long author, String url, String body) {
        return new NewArticle(url, author, "t", null, body);
    }

    private static String big(int i) {
        return String.valueOf((char) ('a' + i % 26)).repeat(BODY_CHARS) + i;
    }
}
