package dev.forensics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.errors.DatabaseBusyException;
import dev.forensics.store.metrics.MicrometerStoreMetrics;
import dev.forensics.store.testing.TestFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transaction opened on the Jdbi Handle of {@code withHandle} is the Repository's own: same runner, same rules. */
class HandleTransactionTest {
    @TempDir
    Path dir;

    Path file;
    SimpleMeterRegistry registry;
    StoreOptions options;

    @BeforeEach
    void migrate() {
        file = TestFiles.migrated(dir);
        registry = new SimpleMeterRegistry();
        options = StoreOptions.defaults()
                .withBusyTimeout(Duration.ofMillis(200))
                .withMetrics(MicrometerStoreMetrics.of(registry));
    }

    @Test
    void handleInTransactionRunsThroughTheRepositorysRunnerAndIsCounted() {
        try (Repository repo = new Repository(file, options)) {
            repo.withHandle(
                    h -> h.inTransaction(t -> t.execute("INSERT INTO authors (slug, name, created_at, updated_at)"
                            + " VALUES ('a', 'A', '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z')")));

            assertThat(committedTransactions()).isEqualTo(1);
            assertThat(repo.authors().count()).isEqualTo(1);
        }
    }

    @Test
    void handleInTransactionHoldsTheWriteLockFromItsStartLikeRepositoryTransaction() {
        try (Repository repo = new Repository(file, options);
                Repository other = new Repository(file, options)) {
            repo.withHandle(h -> h.inTransaction(t -> {
                assertThatThrownBy(() -> other.authors().upsert("b", "B")).isInstanceOf(DatabaseBusyException.class);
                return null;
            }));
        }
    }

    @Test
    void aFailingHandleTransactionRollsBackAndLeavesTheRepositoryInAutocommit() throws Exception {
        try (Repository repo = new Repository(file, options)) {
            assertThatThrownBy(() -> repo.withHandle(h -> h.inTransaction(t -> {
                        t.execute("INSERT INTO authors (slug, name, created_at, updated_at)"
                                + " VALUES ('a', 'A', '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z')");
                        throw new IllegalStateException("boom");
                    })))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("boom");

            assertThat(repo.authors().count()).isZero();
            boolean autocommit = repo.withHandle(h -> h.getConnection().getAutoCommit());
            assertThat(autocommit).isTrue();
            assertThat(registry.get("forensics.store.transactions")
                            .tag("outcome", "rollback")
                            .timer()
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void jdbisOwnBeginAndCommitAreRefusedOnARepositorysHandle() {
        try (Repository repo = new Repository(file, options)) {
            assertThatThrownBy(() -> repo.withHandle(h -> h.begin().getConnection()))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("the Repository owns its transactions");
            assertThat(repo.authors().count()).isZero();
        }
    }

    private double committedTransactions() {
        return registry.get("forensics.store.transactions")
                .tag("outcome", "commit")
                .timer()
                .count();
    }
}
