package dev.forensics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.article.NewArticle;
import dev.forensics.store.errors.DatabaseBusyException;
import dev.forensics.store.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionTest {
    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void migrate() {
        file = TestFiles.migrated(dir);
    }

    private static NewArticle article(long authorId, String url) {
        return new NewArticle(url, authorId, "title", null, "body of " + url);
    }

    @Test
    void transactionReturnsTheLambdaValueAndCommitsEveryWrite() {
        try (var repo = new Repository(file)) {
            int written = repo.transaction(tx -> {
                long author = tx.authors().upsert("jane-doe", "Jane Doe");
                tx.articles().upsert(article(author, "https://a.example/1"));
                tx.articles().upsert(article(author, "https://a.example/2"));
                return 2;
            });
            assertThat(written).isEqualTo(2);
        }
        try (var reopened = new Repository(file)) {
            assertThat(reopened.articles().count()).isEqualTo(2);
        }
    }

    @Test
    void transactionRollsBackEveryWriteWhenTheLambdaThrowsAnUncheckedException() {
        try (var repo = new Repository(file)) {
            var failure = new IllegalStateException("scraper gave up");
            assertThatThrownBy(() -> repo.transaction(tx -> {
                        long author = tx.authors().upsert("jane-doe", "Jane Doe");
                        tx.articles().upsert(article(author, "https://a.example/1"));
                        throw failure;
                    }))
                    .isSameAs(failure);
            assertThat(repo.authors().count()).isZero();
            assertThat(repo.articles().count()).isZero();
        }
    }

    @Test
    void transactionRollsBackAndPropagatesACheckedExceptionUnchanged() {
        try (var repo = new Repository(file)) {
            var failure = new IOException("disk of the scraper went away");
            assertThatThrownBy(() -> repo.useTransaction(tx -> {
                        tx.authors().upsert("jane-doe", "Jane Doe");
                        throw failure;
                    }))
                    .isSameAs(failure);
            assertThat(repo.authors().count()).isZero();
        }
    }

    @Test
    void aFailingBatchLeavesEarlierCommittedBatchesIntact() {
        try (var repo = new Repository(file)) {
            long author = repo.authors().upsert("jane-doe", "Jane Doe");
            repo.useTransaction(tx -> tx.articles().upsertAll(List.of(article(author, "https://a.example/1"))));
            assertThatThrownBy(() -> repo.useTransaction(tx -> {
                        tx.articles()
                                .upsertAll(List.of(
                                        article(author, "https://a.example/2"),
                                        article(author, "https://a.example/3")));
                        throw new IllegalStateException("crash mid-batch");
                    }))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(repo.articles()
                            .findStoredUrls(
                                    List.of("https://a.example/1", "https://a.example/2", "https://a.example/3")))
                    .containsExactly("https://a.example/1");
        }
    }

    @Test
    void aNestedTransactionThatFailsUndoesOnlyItsOwnWritesWhenTheOuterCatchesIt() {
        try (var repo = new Repository(file)) {
            repo.useTransaction(tx -> {
                tx.authors().upsert("outer", "Outer Author");
                try {
                    tx.useTransaction(inner -> {
                        inner.authors().upsert("inner", "Inner Author");
                        throw new IllegalArgumentException("inner fails");
                    });
                } catch (IllegalArgumentException expected) {
                    // the outer lambda decides to carry on
                }
                tx.authors().upsert("after", "After Author");
            });
            assertThat(repo.authors().list()).extracting("slug").containsExactly("after", "outer");
        }
    }

    @Test
    void aNestedTransactionThatSucceedsCommitsWithTheOuterOne() {
        try (var repo = new Repository(file)) {
            repo.useTransaction(tx -> {
                tx.authors().upsert("outer", "Outer Author");
                tx.useTransaction(inner -> inner.authors().upsert("inner", "Inner Author"));
            });
            assertThat(repo.authors().count()).isEqualTo(2);
        }
    }

    @Test
    void aNestedFailureThatEscapesTheOuterLambdaRollsBackEverything() {
        try (var repo = new Repository(file)) {
            assertThatThrownBy(() -> repo.useTransaction(tx -> {
                        tx.authors().upsert("outer", "Outer Author");
                        tx.useTransaction(inner -> {
                            inner.authors().upsert("inner", "Inner Author");
                            throw new IllegalArgumentException("inner fails");
                        });
                    }))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(repo.authors().count()).isZero();
        }
    }

    @Test
    void callingRepositoryTransactionInsideALambdaAlsoNestsInASavepoint() {
        try (var repo = new Repository(file)) {
            repo.useTransaction(tx -> {
                tx.authors().upsert("outer", "Outer Author");
                try {
                    repo.useTransaction(inner -> {
                        inner.authors().upsert("inner", "Inner Author");
                        throw new IllegalArgumentException("inner fails");
                    });
                } catch (IllegalArgumentException expected) {
                    // only the savepoint is rolled back
                }
            });
            assertThat(repo.authors().list()).extracting("slug").containsExactly("outer");
        }
    }

    @Test
    void theTransactionViewCannotBeUsedAfterItsLambdaReturns() {
        try (var repo = new Repository(file)) {
            var escaped = new AtomicReference<Transaction>();
            repo.useTransaction(escaped::set);
            assertThatThrownBy(() -> escaped.get().authors())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ended");
        }
    }

    @Test
    void aRepositoryIsUsableAgainAfterARolledBackTransaction() {
        try (var repo = new Repository(file)) {
            assertThatThrownBy(() -> repo.useTransaction(tx -> {
                        throw new IllegalStateException("first fails");
                    }))
                    .isInstanceOf(IllegalStateException.class);
            repo.useTransaction(tx -> tx.authors().upsert("jane-doe", "Jane Doe"));
            assertThat(repo.authors().count()).isEqualTo(1);
        }
    }

    @Test
    void aTransactionHoldsTheWriteLockFromItsStartSoAnotherWriterWaitsAndThenGetsATypedBusyError() {
        var shortTimeout = StoreOptions.defaults().withBusyTimeout(Duration.ofMillis(200));
        try (var holder = new Repository(file);
                var other = new Repository(file, shortTimeout)) {
            holder.useTransaction(tx -> {
                // no write yet: BEGIN IMMEDIATE alone must already hold the lock
                assertThatThrownBy(() -> other.useTransaction(
                                otherTx -> otherTx.authors().upsert("late", "Late Author")))
                        .isInstanceOf(DatabaseBusyException.class)
                        .hasMessageContaining(file.getFileName().toString())
                        .hasMessageContaining("200 ms");
            });
            assertThat(other.authors().count()).isZero();
        }
    }

    @Test
    void anIdleRepositoryBetweenTransactionsDoesNotHoldTheWriteLock() {
        var shortTimeout = StoreOptions.defaults().withBusyTimeout(Duration.ofMillis(200));
        try (var idle = new Repository(file);
                var writer = new Repository(file, shortTimeout)) {
            idle.useTransaction(tx -> tx.authors().upsert("first", "First Author"));
            idle.authors().count();
            writer.useTransaction(tx -> tx.authors().upsert("second", "Second Author"));
            assertThat(idle.authors().count()).isEqualTo(2);
        }
    }
}
