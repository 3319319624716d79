package dev.forensics.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.errors.ConstraintViolationException;
import dev.forensics.store.errors.DatabaseBusyException;
import dev.forensics.store.errors.ReadOnlyDatabaseException;
import dev.forensics.store.testing.EmbeddedPostgresServer;
import dev.forensics.store.testing.TestDatabase.Vendor;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What is particular to PostgreSQL: connection settings, the pool, lock and login errors, aborted transactions. */
class PostgresDatabaseTest {
    @TempDir
    Path dir;

    private static String show(Repository repo, String setting) {
        return repo.withHandle(
                h -> h.createQuery("SHOW " + setting).mapTo(String.class).one());
    }

    @Test
    void everyConnectionRunsReadCommittedWithTheBusyTimeoutAsLockTimeout() {
        StoreOptions options = StoreOptions.defaults().withBusyTimeout(Duration.ofMillis(1_500));
        try (var db = Vendor.POSTGRESQL.migrated(dir, options);
                var repo = new Repository(db.database())) {
            assertThat(show(repo, "transaction_isolation")).isEqualTo("read committed");
            assertThat(show(repo, "lock_timeout")).isEqualTo("1500ms");
            assertThat(show(repo, "statement_timeout")).isEqualTo("1min");
            assertThat(db.database().migration().vendor()).isEqualTo("postgresql");
        }
    }

    @Test
    void aRowLockedByAnotherTransactionPastTheBusyTimeoutIsDatabaseBusy() throws Exception {
        StoreOptions options = StoreOptions.defaults().withBusyTimeout(Duration.ofMillis(300));
        try (var db = Vendor.POSTGRESQL.migrated(dir, options);
                var holder = new Repository(db.database());
                var waiter = new Repository(db.database())) {
            holder.llmCache().put("https://a.example/1", "{}");
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService thread = Executors.newSingleThreadExecutor();
            Future<Object> holding = thread.submit(() -> holder.transaction(tx -> {
                tx.llmCache().put("https://a.example/1", "{\"v\":1}");
                locked.countDown();
                return release.await(5, TimeUnit.MINUTES);
            }));
            assertThat(locked.await(5, TimeUnit.MINUTES)).isTrue();
            try {
                assertThatThrownBy(() -> waiter.llmCache().put("https://a.example/1", "{\"v\":2}"))
                        .isInstanceOf(DatabaseBusyException.class)
                        .hasMessageContaining("lock_timeout of 300 ms")
                        .hasMessageContaining("55P03");
            } finally {
                release.countDown();
                holding.get(5, TimeUnit.MINUTES);
                thread.shutdown();
            }
            assertThat(waiter.llmCache()
                            .get("https://a.example/1")
                            .orElseThrow()
                            .analysisJson())
                    .isEqualTo("{\"v\":1}");
        }
    }

    @Test
    void aRepositoryBeyondThePoolSizeWaitsTheBusyTimeoutThenFailsNamingThePool() {
        String url = EmbeddedPostgresServer.newSchemaUrl();
        StoreOptions options = StoreOptions.defaults().withBusyTimeout(Duration.ofMillis(300));
        try (var pg = PostgresDatabase.open(url, null, null, options, 1)) {
            Repository.migrate(pg);
            try (var only = new Repository(pg)) {
                assertThatThrownBy(() -> new Repository(pg))
                        .isInstanceOf(DatabaseBusyException.class)
                        .hasMessageContaining("all 1 pooled connections");
                assertThat(only.llmCache().stats().entries()).isZero();
            }
            try (var next = new Repository(pg)) {
                assertThat(next.llmCache().stats().entries())
                        .as("a closed Repository gave its connection back")
                        .isZero();
            }
        }
    }

    @Test
    void anUnreachableServerFailsWithTheUrlButNeverThePassword() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + freePort + "/forensics?password=s3cret-Pa55&connectTimeout=2";
        assertThatThrownBy(() -> PostgresDatabase.open(url, "scraper", "an0ther-s3cret", StoreOptions.defaults()))
                .isExactlyInstanceOf(StoreException.class)
                .hasMessageContaining("cannot reach the PostgreSQL server of jdbc:postgresql://127.0.0.1:" + freePort
                        + "/forensics?password=***")
                .hasMessageContaining("08001")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    @Test
    void aTransactionThatSwallowedAFailedStatementIsNotCommittedHalfway() {
        try (var db = Vendor.POSTGRESQL.migrated(dir);
                var repo = new Repository(db.database())) {
            assertThatThrownBy(() -> repo.useTransaction(tx -> {
                        tx.llmCache().put("https://a.example/1", "{}");
                        assertThatThrownBy(() -> tx.articles()
                                        .upsert(new dev.forensics.store.article.NewArticle(
                                                "https://a.example/1", 42, null, null, null)))
                                .isInstanceOf(ConstraintViolationException.class);
                        tx.llmCache().put("https://a.example/2", "{}");
                    }))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("25P02")
                    .hasMessageContaining("nested transaction");
            assertThat(repo.llmCache().stats().entries()).isZero();
        }
    }

    @Test
    void displayNameHidesThePasswordParameter() {
        assertThat(PostgresErrors.redact("jdbc:postgresql://h/db?user=u&password=p%40ss&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
    }

    @Test
    void aDeadlockBetweenTwoTransactionsIsDatabaseBusyForTheOneTheServerAborts() throws Exception {
        try (var db = Vendor.POSTGRESQL.migrated(dir);
                var first = new Repository(db.database());
                var second = new Repository(db.database())) {
            first.llmCache().put("https://a.example/1", "{}");
            first.llmCache().put("https://a.example/2", "{}");
            CountDownLatch bothLocked = new CountDownLatch(2);
            ExecutorService thread = Executors.newSingleThreadExecutor();
            Future<Object> other =
                    thread.submit(() -> crossWrite(second, "https://a.example/2", "https://a.example/1", bothLocked));
            Throwable mine =
                    catchFailure(() -> crossWrite(first, "https://a.example/1", "https://a.example/2", bothLocked));
            Throwable theirs = catchFailure(() -> other.get(5, TimeUnit.MINUTES));
            thread.shutdown();
            Throwable aborted = mine != null ? mine : theirs.getCause();
            assertThat(mine == null ^ theirs == null)
                    .as("exactly one of the two was aborted: %s / %s", mine, theirs)
                    .isTrue();
            assertThat(aborted)
                    .isInstanceOf(DatabaseBusyException.class)
                    .hasMessageContaining("deadlock")
                    .hasMessageContaining("40P01");
        }
    }

    private static Object crossWrite(Repository repo, String firstUrl, String secondUrl, CountDownLatch bothLocked)
            throws InterruptedException {
        return repo.transaction(tx -> {
            tx.llmCache().put(firstUrl, "{\"by\":\"" + firstUrl + "\"}");
            bothLocked.countDown();
            bothLocked.await(5, TimeUnit.MINUTES);
            tx.llmCache().put(secondUrl, "{\"by\":\"" + firstUrl + "\"}");
            return null;
        });
    }

    private static Throwable catchFailure(Callable<?> work) {
        try {
            work.call();
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    @Test
    void aWriteToAReadOnlySessionIsReadOnlyDatabaseException() {
        try (var db = Vendor.POSTGRESQL.migrated(dir);
                var repo = new Repository(db.database())) {
            repo.withHandle(h -> h.execute("SET default_transaction_read_only = on"));
            assertThatThrownBy(() -> repo.llmCache().put("https://a.example/1", "{}"))
                    .isInstanceOf(ReadOnlyDatabaseException.class)
                    .hasMessageContaining("25006")
                    .hasMessageContaining("primary");
            repo.withHandle(h -> h.execute("RESET default_transaction_read_only"));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "40001, dev.forensics.store.errors.DatabaseBusyException",
        "53100, dev.forensics.store.errors.DiskFullException",
        "XX001, dev.forensics.store.errors.CorruptDatabaseException",
        "23505, dev.forensics.store.errors.ConstraintViolationException",
        "3D000, dev.forensics.store.errors.DatabaseLocationException",
        "28P01, dev.forensics.store.StoreException"
    })
    void sqlStatesThatCannotBeProvokedHereMapToTheirTypedErrors(String state, Class<?> expected) {
        StoreException error = PostgresErrors.translate(
                new SQLException("server said so", state),
                "writing",
                "jdbc:postgresql://h/db",
                Duration.ofSeconds(5),
                10);
        assertThat(error)
                .isExactlyInstanceOf(expected)
                .hasMessageStartingWith("writing failed")
                .hasMessageContaining(state);
    }
}
