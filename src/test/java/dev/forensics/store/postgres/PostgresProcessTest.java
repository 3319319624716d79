package dev.forensics.store.postgres;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several OS processes ({@code java -cp <test classpath> CacheWriterProcess}) on one PostgreSQL database: concurrent
 * migrate, concurrent writers, and a writer killed mid-batch.
 */
class PostgresProcessTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    private Process start(String url, String worker, int batches, int batchSize, long pauseMs) throws IOException {
        Path out = dir.resolve("worker-" + worker + ".out");
        Path err = dir.resolve("worker-" + worker + ".err");
        return new ProcessBuilder(JAVA.toString(), "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CacheWriterProcess.class.getName(),
                url, worker, String.valueOf(batches), String.valueOf(batchSize), String.valueOf(pauseMs))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    private String output(String worker, String stream) throws IOException {
        return Files.readString(dir.resolve("worker-" + worker + "." + stream));
    }

    private static Map<String, Long> countsByBatch(String url) {
        try (var pg = PostgresDatabase.open(url, null, null, StoreOptions.defaults()); var repo = new Repository(pg)) {
            return repo.withHandle(h -> h.createQuery("SELECT split_part(url, '/', 3) || '/' || split_part(url, '/', 4) AS batch, count(*) AS n "
                    + "FROM llm_cache GROUP BY 1").reduceRows(new java.util.HashMap<String, Long>(), (map, row) -> {
                        map.put(row.getColumn("batch", String.class), row.getColumn("n", Long.class));
                        return map;
                    }));
        }
    }

    @Test
    void fourProcessesMigratingAndWritingAtOnceLoseNothingAndFailNothing() throws Exception {
        String url = EmbeddedPostgresServer.newSchemaUrl();
        int workers = 4;
        int batches = 10;
        int batchSize = 50;
        long started = System.nanoTime();
        List<Process> processes = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            processes.add(start(url, String.valueOf(w), batches, batchSize, 0));
        }
        for (int w = 0; w < workers; w++) {
            assertThat(processes.get(w).waitFor(120, TimeUnit.SECONDS)).as("worker %d finished", w).isTrue();
            assertThat(processes.get(w).exitValue()).as("worker %d exit code; stderr: %s", w, output(String.valueOf(w), "err")).isZero();
            assertThat(output(String.valueOf(w), "out").lines()).hasSize(batches);
        }
        Map<String, Long> counts = countsByBatch(url);
        assertThat(counts).hasSize(workers * batches).allSatisfy((batch, n) -> assertThat(n).as(batch).isEqualTo(batchSize));
        System.out.printf("FIGURE pg-processes=%d rows=%d seconds=%.1f%n", workers, workers * batches * batchSize, (System.nanoTime() - started) / 1e9);
    }

    @Test
    void aWriterKilledMidBatchLeavesOnlyWholeBatches() throws Exception {
        String url = EmbeddedPostgresServer.newSchemaUrl();
        int batchSize = 200;
        Process writer = start(url, "k", 10_000, batchSize, 0);
        Path out = dir.resolve("worker-k.out");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (Files.readAllLines(out).size() < 5 && writer.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(writer.isAlive()).as("still writing when killed; stderr: %s", output("k", "err")).isTrue();
        writer.destroyForcibly();
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long reported = Files.readAllLines(out).size();
        Map<String, Long> counts = countsByBatch(url);
        assertThat(counts.size()).as("every reported commit is there").isGreaterThanOrEqualTo((int) reported);
        assertThat(counts).allSatisfy((batch, n) -> assertThat(n).as("rows of %s", batch).isEqualTo(batchSize));
        System.out.printf("FIGURE pg-kill batches-committed=%d batches-reported=%d%n", counts.size(), reported);
    }
}
