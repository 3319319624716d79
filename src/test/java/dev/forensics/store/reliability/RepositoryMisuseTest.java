package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.Transaction;
import dev.forensics.store.article.ArticleDao;
import dev.forensics.store.llmcache.LlmCacheDao;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API misused the way a hurried caller would (issue 11's own adversarial pass): each misuse fails loudly and loses nothing. */
class RepositoryMisuseTest {
    @TempDir
    Path dir;

    @Test
    void closingTheRepositoryInsideATransactionLambdaThrowsAndTheTransactionRollsBackWithTheRepositoryStillUsable() {
        Path db = TestFiles.migrated(dir);
        try (Repository repo = new Repository(db)) {
            assertThatThrownBy(() -> repo.useTransaction(tx -> {
                        tx.authors().upsert("a", "A");
                        repo.close();
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("close() inside a transaction lambda");
            assertThat(repo.authors().count())
                    .as("rolled back, and the block still works")
                    .isZero();
            repo.authors().upsert("b", "B");
        }
        assertThat(DatabaseProbe.count(db, "authors")).isEqualTo(1);
    }

    @Test
    void daosKeptPastCloseThrowThatTheRepositoryIsClosed() {
        Path db = TestFiles.migrated(dir);
        ArticleDao articles;
        LlmCacheDao cache;
        try (Repository repo = new Repository(db)) {
            articles = repo.articles();
            cache = repo.llmCache();
        }
        assertThatThrownBy(articles::count)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> articles.existsByUrl("https://x.test/"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> cache.put("https://x.test/", "{}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(DatabaseProbe.count(db, "llm_cache")).isZero();
    }

    @Test
    void aTransactionKeptPastItsLambdaRefusesToStartANestedOne() {
        Path db = TestFiles.migrated(dir);
        try (Repository repo = new Repository(db)) {
            AtomicReference<Transaction> escaped = new AtomicReference<>();
            repo.useTransaction(escaped::set);
            assertThatThrownBy(() ->
                            escaped.get().useTransaction(tx -> tx.authors().upsert("late", "Late")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ended");
        }
        assertThat(DatabaseProbe.count(db, "authors")).isZero();
    }

    @Test
    void aNestedBlockThatFailsCanBeFollowedByAnotherNestedBlockThatCommitsWithTheOuterOne() {
        Path db = TestFiles.migrated(dir);
        try (Repository repo = new Repository(db)) {
            repo.useTransaction(tx -> {
                for (int attempt = 0; attempt < 3; attempt++) {
                    int n = attempt;
                    try {
                        tx.useTransaction(inner -> {
                            inner.authors().upsert("attempt-" + n, "Attempt");
                            if (n < 2) {
                                throw new IllegalStateException("attempt " + n + " fails");
                            }
                        });
                    } catch (IllegalStateException expected) {
                        // try again
                    }
                }
            });
        }
        assertThat(DatabaseProbe.strings(db, "SELECT slug FROM authors")).containsExactly("attempt-2");
    }
}
