package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.MissingFixture;
import dev.forensics.store.testing.ProcessSignals;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ingest} in real processes, where the shell and the OS take part: inputs that are pipes ({@code /dev/stdin},
 * {@code <(...)}, a FIFO), SIGTERM in the middle of the writes, and secrets on the command line (issues 11 and 17).
 */
class IngestProcessTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void aPipeGivenAsDevStdinIsIngestedWhole() throws Exception {
        Path input = Articles.generate(dir.resolve("in.jsonl"), 50, 50);
        Path db = dir.resolve("forensics.db");

        ChildJvm.Result result = shell(
                "cat \"$1\" | \"$JAVA\" -cp \"$CP\" " + Main.class.getName() + " ingest --db \"$2\" /dev/stdin",
                input,
                db);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("read 50, inserted 50");
        assertThat(articles(db)).isEqualTo(50);
    }

    @Test
    void aProcessSubstitutionIsIngestedWhole() throws Exception {
        Path input = Articles.generate(dir.resolve("in.jsonl"), 50, 50);
        Path db = dir.resolve("forensics.db");

        ChildJvm.Result result =
                shell("\"$JAVA\" -cp \"$CP\" " + Main.class.getName() + " ingest --db \"$2\" <(cat \"$1\")", input, db);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("read 50, inserted 50");
        assertThat(articles(db)).isEqualTo(50);
    }

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    void sigtermOrCtrlCDuringTheWritesSaysHowManyRecordsWereCommittedAndRemovesTheSpooledInput(
            String signal, int exitCode) throws Exception {
        if (signalIgnoredFromTheStart(signal)) {
            // Processes started in the background by a non-interactive shell ignore SIGINT, and so does every JVM
            // they start: the JVM then keeps SIGINT ignored, as a shell's background job should.
            throw MissingFixture.skipOrFail(
                    "SIG" + signal + " is ignored by this test JVM (SigIgn in /proc/self/status),"
                            + " so its children ignore it too; run the build from a foreground shell");
        }
        int total = 40_000;
        String marker = "https://sigterm-" + UUID.randomUUID() + ".example/";
        Path fifo = dir.resolve("articles.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString())
                        .inheritIO()
                        .start()
                        .waitFor())
                .isZero();
        Path db = dir.resolve("forensics.db");

        try (ChildJvm ingest = ChildJvm.start(
                dir, Main.class, "ingest", "--batch-size", "100", "--db", db.toString(), fifo.toString())) {
            feed(fifo, marker, total);
            waitForArticles(db, ingest.process(), 2_000);
            Path spool = spoolHolding(marker);
            // Frozen (SIGSTOP) while the test reads how far it got, and signalled while frozen: it was mid-run when
            // the signal came by observation, not because the machine is slow enough.
            ProcessSignals.stop(ingest.process());
            long whenSignalled = articles(db);
            assertThat(whenSignalled + 100)
                    .as("the ingest was stopped mid-run (articles committed: %s)", whenSignalled)
                    .isLessThan(total);

            // Process.destroy() sends SIGTERM; Ctrl-C sends SIGINT to the foreground process, here by kill -INT.
            if (signal.equals("TERM")) {
                ingest.process().destroy();
            } else {
                ProcessSignals.send(ingest.process(), "INT");
            }
            ProcessSignals.resume(ingest.process());
            ChildJvm.Result result = ingest.await(TIMEOUT);

            long stored = articles(db);
            System.out.println("FIGURE ingest-sig" + signal.toLowerCase() + " batch=100 total=" + total
                    + " committed-when-signalled=" + whenSignalled + " committed=" + stored + " exit="
                    + result.exitCode());
            assertThat(result.exitCode()).as("128 + SIG" + signal).isEqualTo(exitCode);
            Matcher line = Pattern.compile("(?m)^interrupted: (\\d+) of " + total + " records committed to "
                            + Pattern.quote(db.toString())
                            + " in whole batches, the rest not written; run the same command again to finish the job$")
                    .matcher(result.err());
            assertThat(line.find()).as(result.err()).isTrue();
            assertThat(Long.parseLong(line.group(1)))
                    .as("the line says exactly what is stored")
                    .isEqualTo(stored);
            assertThat(stored % 100).isZero();
            // The signal is delivered the moment the process runs again; batches may commit until the shutdown hook
            // takes the batch lock, none after (the figure shows how many).
            assertThat(stored).isGreaterThanOrEqualTo(whenSignalled).isLessThan(total);
            assertThat(spool)
                    .as("the copy of the FIFO is deleted on SIG" + signal)
                    .doesNotExist();
        }
    }

    @Test
    void aBatchSizeBeyondTheBoundIsOneLineAndBadUsage() {
        ChildJvm.Result result = ChildJvm.run(
                dir,
                TIMEOUT,
                Main.class,
                "ingest",
                "--batch-size",
                "2000000000",
                "--db",
                dir.resolve("forensics.db").toString(),
                Articles.SAMPLE.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("error: --batch-size must be between 1 and 1000000000");
    }

    @Test
    void passwordsInTheDbOptionAreNeverPrintedByTheProcessEvenWithVerbose() {
        String secret = "pw-s3cret-" + UUID.randomUUID();
        for (String db : List.of(
                "postgresql://scraper:" + secret + "@127.0.0.1:1/forensics",
                "jdbc:postgresql://scraper:" + secret + "@127.0.0.1:1/forensics",
                "JDBC:POSTGRESQL://127.0.0.1:1/forensics?user=scraper&password=" + secret,
                "jdbc:postgresql://127.0.0.1:1/forensics?user=scraper&sslpassword=" + secret)) {
            ChildJvm.Result result = ChildJvm.run(dir, TIMEOUT, Main.class, "stats", "--verbose", "--db", db);

            assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(result.err()).startsWith("error: ").doesNotContain(secret);
            assertThat(result.out()).doesNotContain(secret);
        }
    }

    /** Runs {@code script} in bash with $JAVA, $CP (this JVM's) and the two paths as $1 and $2. */
    private ChildJvm.Result shell(String script, Path first, Path second) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "bash", ".out");
        Path err = Files.createTempFile(dir, "bash", ".err");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script, "bash", first.toString(), second.toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().remove("FORENSICS_DB");
        builder.environment().put("JAVA", JAVA.toString());
        builder.environment().put("CP", System.getProperty("java.class.path"));
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bash -c " + script + " did not end within " + TIMEOUT);
        }
        return new ChildJvm.Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Writes {@code total} articles whose URLs start with {@code marker} into the FIFO, from a thread (opening it waits for the reader). */
    private static void feed(Path fifo, String marker, int total) {
        Thread writer = new Thread(
                () -> {
                    try (OutputStream out = Files.newOutputStream(fifo)) {
                        for (int i = 0; i < total; i++) {
                            out.write((Articles.line(marker + i, "Author " + (i % 20)) + "\n")
                                    .getBytes(StandardCharsets.UTF_8));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                "fifo-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** The spool file in the temporary directory whose first line holds {@code marker} (other builds may spool beside us). */
    private static Path spoolHolding(String marker) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path spoolDir : dirs.filter(p -> p.getFileName().toString().startsWith("forensics-ingest-"))
                    .toList()) {
                try (Stream<Path> files = Files.list(spoolDir)) {
                    for (Path file : files.toList()) {
                        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                            String first = reader.readLine();
                            if (first != null && first.contains(marker)) {
                                found.add(file);
                            }
                        }
                    }
                } catch (IOException goneMeanwhile) {
                    // another build's spool, deleted while we looked
                }
            }
        }
        assertThat(found).as("the running ingest's copy of the FIFO").hasSize(1);
        return found.get(0);
    }

    private static long articles(Path db) {
        try (Repository repo = new Repository(db)) {
            return repo.articles().count();
        }
    }

    /** Whether this JVM was started with {@code signal} ignored (children inherit an ignored disposition). */
    static boolean signalIgnoredFromTheStart(String signal) throws IOException {
        int number = signal.equals("INT") ? 2 : 15;
        String mask = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .findFirst()
                .orElseThrow()
                .substring("SigIgn:".length())
                .strip();
        return (Long.parseUnsignedLong(mask, 16) & (1L << (number - 1))) != 0;
    }

    /** Waits until the running ingest has committed at least {@code atLeast} articles, so that SIGTERM lands mid-stream. */
    private static void waitForArticles(Path db, Process process, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (Files.exists(db) && articles(db) >= atLeast) {
                    return;
                }
            } catch (StoreException notYetMigrated) {
                Thread.onSpinWait();
            }
            Thread.sleep(5);
        }
        throw new AssertionError(
                "fewer than " + atLeast + " articles appeared in " + db + " (alive: " + process.isAlive() + ")");
    }
}
