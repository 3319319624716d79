package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import dev.forensics.store.schema.SchemaVersion;
import dev.forensics.store.testing.EmbeddedPostgresServer;
import dev.forensics.store.testing.ProcessSignals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded {@code target/forensics-store.jar} run as {@code java -jar} in separate processes (failsafe, {@code mvn verify}):
 * what a user sees, a real kill in the middle of an ingest, and UTF-8 under a C locale.
 */
class CliProcessIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void requireTheJar() {
        assertThat(JarCli.JAR).as("run `mvn package` first: the shaded jar").exists();
    }

    @Test
    void migrateThroughTheJarPrintsWhatItAppliedAndNoLogLines() throws Exception {
        Cli.Result result = java(
                Map.of(), "", "migrate", "--db", dir.resolve("forensics.db").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("applied V1 create authors articles")
                .contains("is at schema version " + SchemaVersion.LATEST);
        assertThat(result.err()).as("Flyway, Jdbi and SLF4J stay quiet").isEmpty();
    }

    @Test
    void ingestOfTheSampleThroughTheJarIsIdempotent() throws Exception {
        String db = dir.resolve("forensics.db").toString();

        Cli.Result first = java(Map.of(), "", "ingest", "--db", db, Articles.SAMPLE.toString());
        Cli.Result second = java(Map.of(), "", "ingest", "--db", db, Articles.SAMPLE.toString());
        Cli.Result stats = java(Map.of(), "", "stats", "--json", "--db", db);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(second.out()).contains("inserted 0, updated 0, skipped 340");
        assertThat(stats.out()).contains("\"articles\":340");
    }

    @Test
    void ingestOfStandardInputThroughTheJarStoresTheSample() throws Exception {
        String db = dir.resolve("forensics.db").toString();

        Cli.Result result =
                java(Map.of(), Files.readString(Articles.SAMPLE, StandardCharsets.UTF_8), "ingest", "--db", db, "-");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("read 340, inserted 340");
    }

    @Test
    void aPipeGivenAsDevStdinThroughTheJarIsIngestedWhole() throws Exception {
        Path db = dir.resolve("forensics.db");
        List<String> javaJar = JarCli.javaJar(List.of("ingest", "--db", db.toString(), "/dev/stdin"));
        // bash -c SCRIPT JAVA SAMPLE -jar JAR ingest ...: $0 is java, $1 the sample, piped into the rest.
        List<String> command = new java.util.ArrayList<>(List.of(
                "bash",
                "-c",
                "s=\"$1\"; shift; cat \"$s\" | \"$0\" \"$@\"",
                javaJar.get(0),
                Articles.SAMPLE.toString()));
        command.addAll(javaJar.subList(1, javaJar.size()));
        Path noInput = Files.writeString(dir.resolve("empty.txt"), "");

        Cli.Result result = JarCli.start(dir, Map.of(), command, noInput).finish();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("read 340, inserted 340");
        assertThat(articles(db)).isEqualTo(340);
    }

    @Test
    void anOutOfMemoryErrorThroughTheJarIsOneLineAndExitFour() throws Exception {
        Path input = dir.resolve("one-long-line.jsonl");
        try (var writer = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            writer.write("{\"url\":\"https://a.example/1\",\"author\":\"Ann\",\"body\":\"");
            writer.write("z".repeat(60 * 1024 * 1024));
            writer.write("\"}\n");
        }
        List<String> command = new java.util.ArrayList<>(JarCli.javaJar(
                List.of("ingest", "--db", dir.resolve("forensics.db").toString(), input.toString())));
        command.add(1, "-Xmx64m");
        Path noInput = Files.writeString(dir.resolve("empty.txt"), "");

        Cli.Result result = JarCli.start(dir, Map.of(), command, noInput).finish();

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.UNEXPECTED);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .isEqualTo(
                        "error: unexpected java.lang.OutOfMemoryError: Java heap space (run again with --verbose for the stack trace)");
    }

    @Test
    void theDatabaseComesFromForensicsDbWhenNoOptionIsGiven() throws Exception {
        Path db = dir.resolve("from-env.db");

        Cli.Result result = java(Map.of("FORENSICS_DB", db.toString()), "", "migrate");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(db).exists();
    }

    @Test
    void killingAnIngestMidRunLeavesWholeBatchesAndRerunningCompletesIt() throws Exception {
        int total = 40_000;
        int batch = 100;
        Path db = dir.resolve("forensics.db");
        Path input = Articles.generate(dir.resolve("big.jsonl"), total, 300);
        List<String> ingest =
                List.of("ingest", "--db", db.toString(), "--batch-size", String.valueOf(batch), input.toString());
        Process process = JarCli.start(
                        dir, Map.of(), JarCli.javaJar(ingest), Files.writeString(dir.resolve("empty.txt"), ""))
                .process();
        waitForArticles(db, process, 20 * batch);
        // Frozen (SIGSTOP) before it is read and killed: what the test counts is what the ingest had committed when
        // the kill came, and that it was mid-run is checked, not assumed from the machine's speed.
        ProcessSignals.stop(process);
        long whenFrozen = articles(db);
        assertThat(whenFrozen + batch)
                .as("the ingest was stopped mid-run (articles committed when it was frozen: %s)", whenFrozen)
                .isLessThan(total);

        process.destroyForcibly();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        long afterKill = articles(db);
        Cli.Result rerun = java(Map.of(), "", ingest.toArray(String[]::new));
        long afterRerun = articles(db);

        System.out.println("FIGURE ingest-kill batch=" + batch + " total=" + total + " when-frozen=" + whenFrozen
                + " after-kill=" + afterKill + " after-rerun=" + afterRerun);
        assertThat(afterKill % batch).as("only whole batches survive a kill").isZero();
        // A commit whose last WAL frame was written when the process was frozen is seen only after the kill.
        assertThat(afterKill)
                .as("what the frozen ingest had committed, at most one batch more")
                .isBetween(whenFrozen, whenFrozen + batch);
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("inserted " + (total - afterKill) + ", updated 0, skipped " + afterKill);
        assertThat(afterRerun).isEqualTo(total);
    }

    @Test
    void textIsUtf8EvenUnderTheCLocale() throws Exception {
        String db = dir.resolve("forensics.db").toString();
        java(Map.of(), "", "migrate", "--db", db);
        String json = "{\"author\":\"Zoë Łukasz 李明\"}";
        Map<String, String> cLocale = Map.of("LC_ALL", "C", "LANG", "C");

        Cli.Result put = java(cLocale, json, "cache", "put", "--url", "https://a.example/1", "--db", db);
        Cli.Result get = java(cLocale, "", "cache", "get", "--url", "https://a.example/1", "--db", db);

        assertThat(put.exitCode()).as(put.err()).isZero();
        assertThat(get.out().strip()).isEqualTo(json);
    }

    @Test
    void versionNamesTheBuild() throws Exception {
        Cli.Result result = java(Map.of(), "", "--version");

        assertThat(result.out().strip()).startsWith("forensics-store ").doesNotContain("development");
    }

    @Test
    void anErrorThroughTheJarIsOneLineAndAnExitCode() throws Exception {
        Cli.Result result =
                java(Map.of(), "", "stats", "--db", dir.resolve("missing.db").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(result.errLines())
                .singleElement()
                .asString()
                .startsWith("error: ")
                .contains("does not exist");
    }

    @Test
    void migrateAndIngestThroughTheJarWorkOnAPostgresUrl() throws Exception {
        String url = EmbeddedPostgresServer.newSchemaUrl();
        Map<String, String> env = Map.of("FORENSICS_DB_PASSWORD", "unused-by-trust-auth");

        Cli.Result migrate = java(env, "", "migrate", "--db", url);
        Cli.Result ingest = java(env, "", "ingest", "--db", url, Articles.SAMPLE.toString());

        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out())
                .as("migrations/postgresql and Flyway's PostgreSQL plugin are in the jar")
                .contains("applied V2 create llm cache")
                .contains("is at schema version " + SchemaVersion.LATEST);
        assertThat(migrate.err()).as("HikariCP and Flyway stay quiet").isEmpty();
        assertThat(ingest.out()).contains("inserted 340");
    }

    @Test
    void aPostgresErrorThroughTheJarNeverShowsThePasswordEvenWithVerbose() throws Exception {
        String url = EmbeddedPostgresServer.newSchemaUrl().replaceFirst("/postgres\\?", "/no_such_db?");

        Cli.Result stats =
                java(Map.of("FORENSICS_DB_PASSWORD", "pw-s3cret-xyz"), "", "stats", "--verbose", "--db", url);

        assertThat(stats.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(stats.err())
                .startsWith("error: opening the database failed: the database named in")
                .contains("3D000")
                .doesNotContain("pw-s3cret-xyz");
        assertThat(stats.out()).doesNotContain("pw-s3cret-xyz");
    }

    private Cli.Result java(Map<String, String> env, String stdin, String... args)
            throws IOException, InterruptedException {
        return JarCli.java(dir, env, stdin, args);
    }

    private static long articles(Path db) {
        try (Repository repo = new Repository(db)) {
            return repo.articles().count();
        }
    }

    /** Waits until the running ingest has committed at least {@code atLeast} articles, so that the kill lands mid-stream. */
    private static void waitForArticles(Path db, Process process, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (articles(db) >= atLeast) {
                    return;
                }
            } catch (StoreException notYetMigrated) {
                // The child has not created or migrated the file yet: poll again.
                Thread.onSpinWait();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("fewer than " + atLeast + " articles appeared in " + db
                + " while the ingest ran (alive: " + process.isAlive() + ")");
    }
}
