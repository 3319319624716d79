package dev.forensics.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.EmbeddedPostgresServer;
import dev.forensics.store.testing.ProcessSignals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several OS processes ({@code java -cp <test classpath> CacheWriterProcess}, through {@link ChildJvm}) on one
 * PostgreSQL database: concurrent migrate, concurrent writers, and a writer killed mid-batch.
 */
class PostgresProcessTest {
    @TempDir
    Path dir;

    private ChildJvm writer(String url, String worker, int batches, int batchSize) {
        return ChildJvm.start(
                dir, CacheWriterProcess.class, url, worker, String.valueOf(batches), String.valueOf(batchSize), "0");
    }

    /** Rows per {@code w<worker>/b<batch>} prefix of the cached URLs. */
    private static Map<String, Long> countsByBatch(String url) {
        try (var pg = PostgresDatabase.open(url, null, null, StoreOptions.defaults());
                var repo = new Repository(pg)) {
            return repo.withHandle(h -> h.createQuery(
                            "SELECT split_part(url, '/', 3) || '/' || split_part(url, '/', 4) AS batch, count(*) AS n "
                                    + "FROM llm_cache GROUP BY 1")
                    .reduceRows(new HashMap<String, Long>(), (map, row) -> {
                        map.put(row.getColumn("batch", String.class), row.getColumn("n", Long.class));
                        return map;
                    }));
        }
    }

    @Test
    void fourProcessesMigratingAndWritingAtOnceLoseNothingAndFailNothing() {
        String url = EmbeddedPostgresServer.newSchemaUrl();
        int workers = 4;
        int batches = 10;
        int batchSize = 50;
        long started = System.nanoTime();
        List<ChildJvm> processes = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            processes.add(writer(url, String.valueOf(w), batches, batchSize));
        }
        for (ChildJvm process : processes) {
            try (process) {
                ChildJvm.Result result = process.await(Duration.ofMinutes(5));
                assertThat(result.exitCode()).as(result.err()).isZero();
                assertThat(result.outLines()).hasSize(batches);
            }
        }
        Map<String, Long> counts = countsByBatch(url);
        assertThat(counts)
                .hasSize(workers * batches)
                .allSatisfy((batch, n) -> assertThat(n).as(batch).isEqualTo(batchSize));
        System.out.printf(
                "FIGURE pg-processes=%d rows=%d seconds=%.1f%n",
                workers, workers * batches * batchSize, (System.nanoTime() - started) / 1e9);
    }

    @Test
    void aWriterKilledMidBatchLeavesOnlyWholeBatches() {
        String url = EmbeddedPostgresServer.newSchemaUrl();
        int batchSize = 200;
        long reported;
        try (ChildJvm writer = writer(url, "k", 10_000, batchSize)) {
            writer.awaitLine("committed 4", Duration.ofMinutes(5));
            // Frozen (SIGSTOP) first: it is still writing when killed by observation (fewer batches reported than it
            // writes), not because the machine is slow enough.
            ProcessSignals.stop(writer.process());
            reported = writer.out().lines().count();
            assertThat(reported)
                    .as("batches reported when frozen; stderr: %s", writer.err())
                    .isLessThan(10_000 / batchSize);
            writer.kill();
        }
        Map<String, Long> counts = countsByBatch(url);
        assertThat(counts.size()).as("every reported commit is there").isGreaterThanOrEqualTo((int) reported);
        assertThat(counts)
                .allSatisfy((batch, n) -> assertThat(n).as("rows of %s", batch).isEqualTo(batchSize));
        System.out.printf("FIGURE pg-kill batches-committed=%d batches-reported=%d%n", counts.size(), reported);
    }
}
