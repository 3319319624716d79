package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an ingest holds and loads, in a child JVM (ADR-017): memory bounded by a chunk of records, not by the batch or
 * the file, and no Flyway when the database is already current.
 */
class IngestFootprintProcessTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    @Test
    void aWholeFileInOneTransactionFitsAHeapSmallerThanTheFile() throws Exception {
        // 12,000 articles with 4,000-character bodies: 48 MB of JSON and at least as much as Java strings; the heap is
        // 32 MB.
        Path input = Articles.generate(dir.resolve("in.jsonl"), 12_000, 4_000);
        Path db = dir.resolve("forensics.db");

        Outcome outcome =
                cli(List.of("-Xmx32m"), "ingest", "--batch-size", "12000", "--db", db.toString(), input.toString());

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("read 12000, inserted 12000");
        try (Repository repo = new Repository(db)) {
            assertThat(repo.articles().count()).isEqualTo(12_000);
        }
    }

    @Test
    void anIngestIntoACurrentDatabaseNeverLoadsFlyway() throws Exception {
        Path input = Articles.generate(dir.resolve("in.jsonl"), 10, 100);
        Path db = dir.resolve("forensics.db");
        Repository.migrate(db);

        Outcome outcome =
                cli(List.of("-Xlog:class+load=info:stdout"), "ingest", "--db", db.toString(), input.toString());

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output())
                .contains("read 10, inserted 10")
                .contains("dev.forensics.store.ingest.Ingester")
                .doesNotContain("org.flywaydb");
    }

    @Test
    void anIngestIntoANewFileStillMigratesIt() throws Exception {
        Path input = Articles.generate(dir.resolve("in.jsonl"), 10, 100);
        Path db = dir.resolve("new.db");

        Outcome outcome = cli(List.of(), "ingest", "--db", db.toString(), input.toString());

        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        try (Repository repo = new Repository(db)) {
            assertThat(repo.articles().count()).isEqualTo(10);
        }
    }

    private Outcome cli(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path output = dir.resolve("output.txt");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES))
                .as("the ingest finished")
                .isTrue();
        return new Outcome(process.exitValue(), java.nio.file.Files.readString(output));
    }

    /**
     * A finished child.
     *
     * @param exitCode its exit code
     * @param output   standard output and error together
     */
    private record Outcome(int exitCode, String output) {}
}
