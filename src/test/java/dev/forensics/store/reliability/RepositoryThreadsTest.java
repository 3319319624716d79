package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Repository is one block of work for one thread at a time. Before issue 11 a second thread's
 * {@code repo.transaction(...)} while the first was inside one returned normally: it ran as a savepoint inside the
 * first thread's transaction and vanished when that one rolled back. Now every call from another thread while the
 * block is in use throws {@link IllegalStateException} naming the thread using it; an idle block may be handed over.
 */
class RepositoryThreadsTest {
    @TempDir
    Path dir;

    @Test
    void aCallFromAnotherThreadWhileATransactionIsOpenThrowsNamingTheOwnerAndWritesNothing() throws Exception {
        Path db = TestFiles.migrated(dir);
        ExecutorService other = Executors.newSingleThreadExecutor(r -> new Thread(r, "intruder"));
        String testThreadName = Thread.currentThread().getName();
        try (Repository repo = new Repository(db)) {
            Thread.currentThread().setName("owner-thread");
            CountDownLatch inside = new CountDownLatch(1);
            assertThatThrownBy(() -> repo.useTransaction(tx -> {
                        tx.authors().upsert("owner", "Owner");
                        inside.countDown();
                        CompletableFuture<Object> intrusions = CompletableFuture.supplyAsync(
                                () -> {
                                    assertThatThrownBy(() -> repo.useTransaction(
                                                    t -> t.authors().upsert("intruder", "Intruder")))
                                            .isInstanceOf(IllegalStateException.class)
                                            .hasMessageContaining("owner-thread")
                                            .hasMessageContaining("intruder");
                                    assertThatThrownBy(() -> repo.authors().upsert("intruder-2", "Intruder"))
                                            .isInstanceOf(IllegalStateException.class)
                                            .hasMessageContaining("owner-thread");
                                    assertThatThrownBy(() -> tx.llmCache().put("https://x.test/", "{}"))
                                            .isInstanceOf(IllegalStateException.class)
                                            .hasMessageContaining("owner-thread");
                                    assertThatThrownBy(() -> repo.articles().count())
                                            .isInstanceOf(IllegalStateException.class);
                                    assertThatThrownBy(repo::close).isInstanceOf(IllegalStateException.class);
                                    return null;
                                },
                                other);
                        intrusions.get(5, TimeUnit.MINUTES);
                        throw new IllegalArgumentException("owner rolls back");
                    }))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(inside.getCount()).isZero();
        } finally {
            Thread.currentThread().setName(testThreadName); // other tests of this JVM see the thread name
            other.shutdown();
        }
        assertThat(DatabaseProbe.count(db, "authors")).isZero();
        assertThat(DatabaseProbe.count(db, "llm_cache")).isZero();
    }

    @Test
    void anIdleRepositoryMayBeHandedToAnotherThreadAndUsedThere() throws Exception {
        Path db = TestFiles.migrated(dir);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Repository repo = new Repository(db)) {
            repo.authors().upsert("first", "First");
            other.submit(() -> repo.useTransaction(tx -> tx.authors().upsert("second", "Second")))
                    .get(5, TimeUnit.MINUTES);
            repo.authors().upsert("third", "Third");
        } finally {
            other.shutdown();
        }
        assertThat(DatabaseProbe.count(db, "authors")).isEqualTo(3);
    }
}
