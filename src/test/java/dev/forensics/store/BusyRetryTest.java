package dev.forensics.store;

import dev.forensics.store.errors.DatabaseBusyException;
import dev.forensics.store.metrics.MicrometerStoreMetrics;
import dev.forensics.store.testing.TestFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ADR-007: with retries on, a transaction that cannot get the write lock within the busy timeout runs its whole lambda
 * again and succeeds once the lock is free; with retries off (the default) it fails with DatabaseBusyException.
 */
class BusyRetryTest {
    private static final Duration BUSY_TIMEOUT = Duration.ofMillis(200);
    private static final long HOLD_MS = 1_200;

    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void migrate() {
        file = TestFiles.migrated(dir);
    }

    @Test
    void aWriterBlockedLongerThanTheBusyTimeoutRetriesTheWholeLambdaAndSucceedsWhenRetriesAreOn() throws Exception {
        var registry = new SimpleMeterRegistry();
        StoreOptions options = StoreOptions.defaults().withBusyTimeout(BUSY_TIMEOUT)
                .withTransactionRetries(20, Duration.ofMillis(50)).withMetrics(MicrometerStoreMetrics.of(registry));
        AtomicInteger attempts = new AtomicInteger();
        try (LockHolder holder = LockHolder.hold(file, HOLD_MS); Repository repo = new Repository(file, options)) {
            holder.awaitHeld();
            String stored = repo.transaction(tx -> {
                attempts.incrementAndGet(); // a side effect outside the database: it runs once per attempt
                tx.llmCache().put("https://a.example/1", "{\"ok\":true}");
                return "stored";
            });

            assertThat(stored).isEqualTo("stored");
            assertThat(repo.llmCache().get("https://a.example/1")).isPresent();
        }
        // BEGIN IMMEDIATE fails before the lambda runs, so the counter counts lambda runs that got the lock: at least 1;
        // the retries show in the busy meter.
        double retried = registry.get("forensics.store.busy").tag("outcome", "retried").counter().count();
        assertThat(retried).as("busy errors that were retried").isGreaterThanOrEqualTo(1);
        assertThat(attempts.get() + (int) retried).as("transaction attempts").isGreaterThan(1);
        assertThat(registry.get("forensics.store.busy").tag("outcome", "failed").counter().count()).isZero();
    }

    @Test
    void theLambdaItselfRunsAgainWhenTheLockIsLostBeforeCommit() throws Exception {
        StoreOptions options = StoreOptions.defaults().withBusyTimeout(BUSY_TIMEOUT).withTransactionRetries(3, Duration.ofMillis(20));
        AtomicInteger attempts = new AtomicInteger();
        try (Repository repo = new Repository(file, options)) {
            repo.useTransaction(tx -> {
                tx.llmCache().put("https://a.example/" + attempts.get(), "{}");
                if (attempts.incrementAndGet() == 1) {
                    // A real SQLITE_BUSY before COMMIT: a second connection cannot get the lock this transaction holds.
                    try (Repository other = new Repository(file, StoreOptions.defaults().withBusyTimeout(BUSY_TIMEOUT))) {
                        other.useTransaction(inner -> inner.llmCache().put("https://b.example/never", "{}"));
                    }
                }
            });
            assertThat(attempts.get()).as("lambda runs").isEqualTo(2);
            assertThat(repo.llmCache().get("https://a.example/0")).as("the first attempt's write was rolled back").isEmpty();
            assertThat(repo.llmCache().get("https://a.example/1")).isPresent();
        }
    }

    @Test
    void aWriterBlockedLongerThanTheBusyTimeoutFailsWithDatabaseBusyExceptionWhenRetriesAreOff() throws Exception {
        StoreOptions options = StoreOptions.defaults().withBusyTimeout(BUSY_TIMEOUT);
        assertThat(options.transactionRetries()).as("the default").isZero();
        AtomicInteger attempts = new AtomicInteger();
        try (LockHolder holder = LockHolder.hold(file, HOLD_MS); Repository repo = new Repository(file, options)) {
            holder.awaitHeld();
            assertThatThrownBy(() -> repo.useTransaction(tx -> {
                attempts.incrementAndGet();
                tx.llmCache().put("https://a.example/1", "{}");
            })).isInstanceOf(DatabaseBusyException.class).hasMessageContaining(file.toString()).hasMessageContaining("200 ms");

            assertThat(attempts.get()).as("the lambda never ran: BEGIN IMMEDIATE failed").isZero();
        }
    }

    /** Another connection that holds the write lock ({@code BEGIN IMMEDIATE}) for a while on its own thread. */
    private static final class LockHolder implements AutoCloseable {
        private final Thread thread;
        private final CountDownLatch held = new CountDownLatch(1);
        private volatile Exception failure;

        private LockHolder(Path file, long holdMillis) {
            this.thread = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                     Statement statement = connection.createStatement()) {
                    statement.execute("BEGIN IMMEDIATE");
                    held.countDown();
                    Thread.sleep(holdMillis);
                    statement.execute("COMMIT");
                } catch (Exception e) {
                    failure = e;
                    held.countDown();
                }
            }, "lock-holder");
        }

        static LockHolder hold(Path file, long holdMillis) {
            LockHolder holder = new LockHolder(file, holdMillis);
            holder.thread.start();
            return holder;
        }

        void awaitHeld() throws Exception {
            assertThat(held.await(10, TimeUnit.SECONDS)).as("lock holder started").isTrue();
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void close() throws Exception {
            thread.join(10_000);
            if (failure != null) {
                throw failure;
            }
        }
    }
}
