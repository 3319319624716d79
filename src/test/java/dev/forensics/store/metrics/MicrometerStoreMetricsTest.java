package dev.forensics.store.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.sqlite.CheckpointMode;
import dev.forensics.store.sqlite.SqliteMaintenance;
import dev.forensics.store.testing.TestFiles;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Micrometer meters move as the Repository works; with no registry given nothing is recorded anywhere, not even in Micrometer's global registry. */
class MicrometerStoreMetricsTest {
    @TempDir
    Path dir;

    @Test
    void transactionsRowsCacheLookupsWalAndCheckpointsShowInTheRegistry() throws Exception {
        Path file = TestFiles.migrated(dir);
        var registry = new SimpleMeterRegistry();
        StoreOptions options =
                StoreOptions.defaults().withCheckpointAfterRows(0).withMetrics(MicrometerStoreMetrics.of(registry));
        try (Repository repo = new Repository(file, options)) {
            assertThat(registry.get("forensics.store.repositories.open").gauge().value())
                    .isGreaterThanOrEqualTo(1);
            repo.useTransaction(tx -> {
                long author = tx.authors().upsert("jane-doe", "Jane Doe");
                tx.articles().upsertAll(List.of(article(author, 1), article(author, 2), article(author, 3)));
                tx.llmCache().put("https://a.example/1", "{}");
            });
            assertThatThrownBy(() -> repo.useTransaction(tx -> {
                        throw new IllegalStateException("scraper gave up");
                    }))
                    .isInstanceOf(IllegalStateException.class);
            repo.llmCache().get("https://a.example/1");
            repo.llmCache().get("https://a.example/1");
            repo.llmCache().get("https://a.example/missing");
            double walBytes = registry.get("forensics.store.wal.bytes")
                    .tag("database", "forensics.db")
                    .gauge()
                    .value();
            assertThat(walBytes)
                    .isEqualTo(Files.size(dir.resolve("forensics.db-wal")))
                    .isPositive();

            SqliteMaintenance maintenance =
                    repo.database().capability(SqliteMaintenance.class).orElseThrow();
            maintenance.checkpoint(CheckpointMode.PASSIVE);
            maintenance.checkpoint(CheckpointMode.TRUNCATE);

            assertThat(registry.get("forensics.store.wal.bytes").gauge().value())
                    .isZero();
        }
        assertThat(registry.get("forensics.store.transactions")
                        .tag("outcome", "commit")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("forensics.store.transactions")
                        .tag("outcome", "rollback")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("forensics.store.write.lock.wait").timer().count())
                .isEqualTo(2);
        assertThat(registry.get("forensics.store.rows.written")
                        .tag("dao", "authors")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("forensics.store.rows.written")
                        .tag("dao", "articles")
                        .counter()
                        .count())
                .isEqualTo(3);
        assertThat(registry.get("forensics.store.rows.written")
                        .tag("dao", "llm_cache")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("forensics.store.cache.lookups")
                        .tag("result", "hit")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("forensics.store.cache.lookups")
                        .tag("result", "miss")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("forensics.store.checkpoints")
                        .tags("mode", "truncate", "result", "complete")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("forensics.store.checkpoints")
                        .tags("mode", "passive", "result", "complete")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("forensics.store.checkpoint.frames").summary().totalAmount())
                .as("frames copied by the PASSIVE one")
                .isPositive();
        assertThat(registry.get("forensics.store.busy")
                        .tag("outcome", "failed")
                        .counter()
                        .count())
                .isZero();
    }

    @Test
    void aRepositoryWithTheDefaultOptionsRecordsNoMeterInAnyRegistry() {
        // The one registry a default could reach without being given one is Micrometer's global composite: watch it.
        var watcher = new SimpleMeterRegistry();
        Metrics.globalRegistry.add(watcher);
        try {
            Path file = TestFiles.migrated(dir);
            try (Repository repo = new Repository(file)) {
                repo.useTransaction(tx -> {
                    long author = tx.authors().upsert("jane-doe", "Jane Doe");
                    tx.articles().upsertAll(List.of(article(author, 1), article(author, 2)));
                    tx.llmCache().put("https://a.example/1", "{}");
                });
                assertThatThrownBy(() -> repo.useTransaction(tx -> {
                            throw new IllegalStateException("scraper gave up");
                        }))
                        .isInstanceOf(IllegalStateException.class);
                repo.llmCache().get("https://a.example/1");
                repo.llmCache().get("https://a.example/missing");
                repo.database()
                        .capability(dev.forensics.store.sqlite.SqliteMaintenance.class)
                        .orElseThrow()
                        .checkpoint(CheckpointMode.PASSIVE);
                repo.database()
                        .capability(dev.forensics.store.sqlite.SqliteMaintenance.class)
                        .orElseThrow()
                        .checkpoint(CheckpointMode.TRUNCATE);
            }
            assertThat(Metrics.globalRegistry.getMeters())
                    .as("meters in Micrometer's global registry")
                    .noneMatch(meter -> meter.getId().getName().startsWith(MicrometerStoreMetrics.PREFIX));
            assertThat(watcher.getMeters())
                    .as("meters that reached a registry added to the global one")
                    .isEmpty();
            assertThat(StoreOptions.defaults().metrics())
                    .as("the default StoreMetrics")
                    .isSameAs(StoreMetrics.NONE);
        } finally {
            Metrics.globalRegistry.remove(watcher);
        }
    }

    private static NewArticle article(long author, int n) {
        return new NewArticle("https://a.example/" + n, author, "title " + n, null, "body " + n);
    }
}
