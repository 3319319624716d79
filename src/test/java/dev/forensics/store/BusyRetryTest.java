package dev.forensics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.errors.DatabaseBusyException;
import dev.forensics.store.metrics.MicrometerStoreMetrics;
import dev.forensics.store.testing.TestFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR-007: with retries on, a transaction that cannot get the write lock within the busy timeout runs its whole lambda
 * again and succeeds once the lock is free; with retries off (the default) it fails with DatabaseBusyException.
 * The lock is held by another connection until the test's own condition says to free it, never for a fixed time.
 */
class BusyRetryTest {
    private static final Duration BUSY_TIMEOUT = Duration.ofMillis(200);

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void migrate() {
        file = TestFiles.migrated(dir);
    }

    @Test
    void aTransactionRefusedTheLockIsRetriedWithoutRunningItsLambdaAndCommitsOnceTheLockIsFree() throws Exception {
        var registry = new SimpleMeterRegistry();
        StoreOptions options = StoreOptions.defaults()
                .withBusyTimeout(BUSY_TIMEOUT)
                .withTransactionRetries(1_000, Duration.ofMillis(1))
                .withMetrics(MicrometerStoreMetrics.of(registry));
        AtomicInteger lambdaRuns = new AtomicInteger();
        // Freed only once the Repository has been refused the lock and has counted a retry: no race with a clock.
        BooleanSupplier retriedOnce = () -> busyCount(registry, "retried") >= 1;
        try (LockHolder holder = LockHolder.holdUntil(file, retriedOnce);
                Repository repo = new Repository(file, options)) {
            holder.awaitHeld();
            String stored = repo.transaction(tx -> {
                lambdaRuns.incrementAndGet(); // a side effect outside the database: it happens once per lambda run
                tx.llmCache().put("https://a.example/1", "{\"ok\":true}");
                return "stored";
            });

            assertThat(stored).isEqualTo("stored");
            assertThat(repo.llmCache().get("https://a.example/1")).isPresent();
        }
        assertThat(busyCount(registry, "retried"))
                .as("busy errors that were retried")
                .isGreaterThanOrEqualTo(1);
        assertThat(lambdaRuns.get())
                .as("lambda runs: BEGIN IMMEDIATE was refused before the lambda, so only the run that had the lock")
                .isEqualTo(1);
        assertThat(busyCount(registry, "failed")).as("busy errors given up on").isZero();
    }

    @Test
    void aBusyErrorRaisedInsideTheLambdaRollsBackThatRunAndRunsTheWholeLambdaAgain() {
        StoreOptions options =
                StoreOptions.defaults().withBusyTimeout(BUSY_TIMEOUT).withTransactionRetries(3, Duration.ofMillis(20));
        AtomicInteger lambdaRuns = new AtomicInteger();
        try (Repository repo = new Repository(file, options)) {
            repo.useTransaction(tx -> {
                tx.llmCache().put("https://a.example/" + lambdaRuns.get(), "{}");
                if (lambdaRuns.incrementAndGet() == 1) {
                    // A real SQLITE_BUSY inside the lambda: a second connection cannot get the lock this transaction
                    // holds.
                    try (Repository other =
                            new Repository(file, StoreOptions.defaults().withBusyTimeout(BUSY_TIMEOUT))) {
                        other.useTransaction(inner -> inner.llmCache().put("https://b.example/never", "{}"));
                    }
                }
            });
            assertThat(lambdaRuns.get()).as("lambda runs").isEqualTo(2);
            assertThat(repo.llmCache().get("https://a.example/0"))
                    .as("the first run's write was rolled back")
                    .isEmpty();
            assertThat(repo.llmCache().get("https://a.example/1"))
                    .as("the second run's write")
                    .isPresent();
            assertThat(repo.llmCache().get("https://b.example/never"))
                    .as("the other connection's refused write")
                    .isEmpty();
        }
    }

    @Test
    void aWriterBlockedLongerThanTheBusyTimeoutFailsWithDatabaseBusyExceptionWhenRetriesAreOff() throws Exception {
        StoreOptions options = StoreOptions.defaults().withBusyTimeout(BUSY_TIMEOUT);
        assertThat(options.transactionRetries()).as("the default").isZero();
        AtomicInteger lambdaRuns = new AtomicInteger();
        CountDownLatch asserted = new CountDownLatch(1);
        try (LockHolder holder = LockHolder.holdUntil(file, () -> asserted.getCount() == 0);
                Repository repo = new Repository(file, options)) {
            holder.awaitHeld();
            assertThatThrownBy(() -> repo.useTransaction(tx -> {
                        lambdaRuns.incrementAndGet();
                        tx.llmCache().put("https://a.example/1", "{}");
                    }))
                    .isInstanceOf(DatabaseBusyException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("200 ms");

            assertThat(lambdaRuns.get())
                    .as("the lambda never ran: BEGIN IMMEDIATE failed")
                    .isZero();
            asserted.countDown();
            holder.awaitReleased();
            assertThat(repo.llmCache().get("https://a.example/1"))
                    .as("the refused transaction's write, after the lock was freed")
                    .isEmpty();
        }
    }

    private static double busyCount(SimpleMeterRegistry registry, String outcome) {
        return registry.get("forensics.store.busy")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    /** Another connection that holds the write lock ({@code BEGIN IMMEDIATE}) on its own thread until a condition holds. */
    private static final class LockHolder implements AutoCloseable {
        private final Thread thread;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile Exception failure;
        private volatile boolean closing;

        private LockHolder(Path file, BooleanSupplier release) {
            this.thread = new Thread(
                    () -> {
                        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                                Statement statement = connection.createStatement()) {
                            statement.execute("BEGIN IMMEDIATE");
                            held.countDown();
                            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                            while (!release.getAsBoolean() && !closing) {
                                if (System.nanoTime() > deadline) {
                                    throw new IllegalStateException(
                                            "the release condition never came within five minutes");
                                }
                                Thread.sleep(1);
                            }
                            statement.execute("COMMIT");
                        } catch (Exception e) {
                            failure = e;
                        } finally {
                            held.countDown();
                            released.countDown();
                        }
                    },
                    "lock-holder");
        }

        static LockHolder holdUntil(Path file, BooleanSupplier release) {
            LockHolder holder = new LockHolder(file, release);
            holder.thread.start();
            return holder;
        }

        void awaitHeld() throws Exception {
            assertThat(held.await(5, TimeUnit.MINUTES))
                    .as("lock holder started")
                    .isTrue();
            if (failure != null) {
                throw failure;
            }
        }

        void awaitReleased() throws Exception {
            assertThat(released.await(5, TimeUnit.MINUTES))
                    .as("lock holder released")
                    .isTrue();
            if (failure != null) {
                throw failure;
            }
        }

        /** Frees the lock now if the condition never came (a failing test), then waits for the holder to end. */
        @Override
        public void close() throws Exception {
            closing = true;
            thread.join(TimeUnit.MINUTES.toMillis(5));
            if (failure != null) {
                throw failure;
            }
        }
    }
}
