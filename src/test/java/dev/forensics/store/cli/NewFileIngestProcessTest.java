package dev.forensics.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.ingest.HeldValidationWorker;
import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.MissingFixture;
import dev.forensics.store.testing.ProcessSignals;
import dev.forensics.store.testing.ScratchMount;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An ingest into a new file, built aside until its input is valid (ADR-019), against other processes: another ingest
 * or a {@code migrate} creating the same file meanwhile, an ingest into the same directory, and SIGTERM while the build
 * is private. Each process is a real JVM; the ingest held in its private phase is {@link HeldValidationWorker}, so every
 * case happens by construction, not by the machine's speed.
 */
class NewFileIngestProcessTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private Path data;

    @BeforeEach
    void makeTheDatabaseFolder() throws IOException {
        data = Files.createDirectory(dir.resolve("data"));
    }

    @Test
    void anotherIngestPublishingTheSameNewFileMeanwhileLosesNothingAndDuplicatesNothing() throws Exception {
        Path db = data.resolve("new.db");
        Path held = articles("held.jsonl", 0, 3_000);
        Path other = articles("other.jsonl", 1_500, 4_500);
        Path release = dir.resolve("release");

        try (ChildJvm first = ChildJvm.start(
                dir, HeldValidationWorker.class, db.toString(), held.toString(), "3000", release.toString())) {
            first.awaitLine(HeldValidationWorker.HELD, TIMEOUT);
            ChildJvm.Result second = cli("ingest", "--db", db.toString(), other.toString());
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out()).contains("inserted 3000, updated 0, skipped 0");
            Files.createFile(release);

            ChildJvm.Result result = first.await(TIMEOUT);

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("inserted 1500 skipped 1500");
        }
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(4_500);
        assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
        assertThat(names(data)).containsExactly("new.db");
    }

    @Test
    void twoIngestsStartedTogetherIntoOneNewFileBothFinishWithEveryRecordOnce() {
        Path db = data.resolve("new.db");
        Path one = articles("one.jsonl", 0, 3_000);
        Path two = articles("two.jsonl", 2_000, 5_000);

        try (ChildJvm first = ChildJvm.start(dir, Main.class, "ingest", "--db", db.toString(), one.toString());
                ChildJvm second = ChildJvm.start(dir, Main.class, "ingest", "--db", db.toString(), two.toString())) {
            ChildJvm.Result a = first.await(TIMEOUT);
            ChildJvm.Result b = second.await(TIMEOUT);

            assertThat(a.exitCode()).as(a.err()).isZero();
            assertThat(b.exitCode()).as(b.err()).isZero();
            assertThat(inserted(a) + inserted(b)).isEqualTo(5_000);
        }
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(5_000);
        assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
        assertThat(names(data)).containsExactly("new.db");
    }

    @Test
    void aMigrateByAnotherProcessWhileTheBuildIsPrivateGetsEveryRecordInTheFileItCreated() throws Exception {
        Path db = data.resolve("new.db");
        Path input = articles("in.jsonl", 0, 3_000);
        Path release = dir.resolve("release");

        try (ChildJvm ingest = ChildJvm.start(
                dir, HeldValidationWorker.class, db.toString(), input.toString(), "3000", release.toString())) {
            ingest.awaitLine(HeldValidationWorker.HELD, TIMEOUT);
            ChildJvm.Result migrate = cli("migrate", "--db", db.toString());
            assertThat(migrate.exitCode()).as(migrate.err()).isZero();
            Files.createFile(release);

            ChildJvm.Result result = ingest.await(TIMEOUT);

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("inserted 3000 skipped 0");
        }
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(3_000);
        assertThat(names(data)).containsExactly("new.db");
    }

    @Test
    void theBuildOfALiveProcessIsLeftAloneByAnotherIngestInTheDirectory() throws Exception {
        Path held = data.resolve("held.db");
        Path other = data.resolve("other.db");
        Path input = articles("in.jsonl", 0, 3_000);
        Path release = dir.resolve("release");

        try (ChildJvm ingest = ChildJvm.start(
                dir, HeldValidationWorker.class, held.toString(), input.toString(), "3000", release.toString())) {
            ingest.awaitLine(HeldValidationWorker.HELD, TIMEOUT);
            List<String> buildBefore = privateBuilds();
            ChildJvm.Result beside = cli("ingest", "--db", other.toString(), input.toString());
            assertThat(beside.exitCode()).as(beside.err()).isZero();
            assertThat(privateBuilds())
                    .as("the live process's build")
                    .hasSize(1)
                    .isEqualTo(buildBefore);
            Files.createFile(release);

            ChildJvm.Result result = ingest.await(TIMEOUT);

            assertThat(result.exitCode()).as(result.err()).isZero();
        }
        assertThat(DatabaseProbe.count(held, "articles")).isEqualTo(3_000);
        assertThat(DatabaseProbe.count(other, "articles")).isEqualTo(3_000);
        assertThat(names(data)).containsExactlyInAnyOrder("held.db", "other.db");
    }

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130"})
    void sigtermOrCtrlCWhileTheNewFileIsStillPrivateSaysNothingWasWrittenAndLeavesNothing(String signal, int exitCode)
            throws Exception {
        if (IngestProcessTest.signalIgnoredFromTheStart(signal)) {
            throw MissingFixture.skipOrFail(
                    "SIG" + signal + " is ignored by this test JVM (SigIgn in /proc/self/status),"
                            + " so its children ignore it too; run the build from a foreground shell");
        }
        Path db = data.resolve("new.db");
        // Long enough to validate that the build is seen private: the process is frozen once it is there.
        Path input = articles("in.jsonl", 0, 300_000);

        try (ChildJvm ingest = ChildJvm.start(
                dir, Main.class, "ingest", "--batch-size", "100", "--db", db.toString(), input.toString())) {
            awaitPrivateBuild(ingest.process());
            ProcessSignals.stop(ingest.process());
            assertThat(db).as("still private when signalled").doesNotExist();
            ProcessSignals.send(ingest.process(), signal);
            ProcessSignals.resume(ingest.process());

            ChildJvm.Result result = ingest.await(TIMEOUT);

            assertThat(result.exitCode()).as("128 + SIG" + signal).isEqualTo(exitCode);
            assertThat(result.err())
                    .contains("interrupted: no article was written to " + db
                            + "; run the same command again to finish the job");
        }
        assertThat(db).doesNotExist();
        assertThat(names(data)).as("nothing beside it").isEmpty();
    }

    @Test
    void aNewFileOnADiskTooSmallForItIsOneLineExitThreeNamingTheDatabaseAndLeavesNothing() {
        Path input = articles("in.jsonl", 0, 100);
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("tiny-disk"), "32k")) {
            Path db = mount.path().resolve("new.db");

            ChildJvm.Result result = cli("ingest", "--db", db.toString(), input.toString());

            assertOneErrorLineExitThree(result, "the disk holding " + db + " is full");
            assertThat(names(mount.path())).isEmpty();
        }
    }

    @Test
    void aNewFileInAReadOnlyDirectoryIsOneLineExitThreeNamingTheDatabaseAndLeavesNothing() {
        Path input = articles("in.jsonl", 0, 100);
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("ro"), "1m")) {
            mount.remountReadOnly();
            Path db = mount.path().resolve("new.db");

            ChildJvm.Result result = cli("ingest", "--db", db.toString(), input.toString());

            assertOneErrorLineExitThree(result, db + " is read-only");
            assertThat(names(mount.path())).isEmpty();
        }
    }

    /** Exit 3 (database error), one {@code error:} line that says {@code says} and never names the private build. */
    private static void assertOneErrorLineExitThree(ChildJvm.Result result, String says) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCode.DATABASE_ERROR);
        assertThat(result.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("error: ")
                .contains(says)
                .doesNotContain(".build-");
    }

    private ChildJvm.Result cli(String... args) {
        return ChildJvm.run(dir, TIMEOUT, Main.class, args);
    }

    private static long inserted(ChildJvm.Result result) {
        String out = result.out();
        int at = out.indexOf("inserted ") + "inserted ".length();
        return Long.parseLong(out.substring(at, out.indexOf(',', at)));
    }

    /** Valid articles {@code https://proc.example/<from>} to {@code <to - 1>}. */
    private Path articles(String name, int from, int to) {
        Path file = dir.resolve(name);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = from; i < to; i++) {
                out.write(Articles.line("https://proc.example/" + i, "Author " + (i % 20)));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private List<String> privateBuilds() {
        return names(data).stream()
                .filter(name -> name.contains(".build-") && name.endsWith(".tmp"))
                .toList();
    }

    /** Until a private build is in the folder (a hang guard, not a timing). */
    private void awaitPrivateBuild(Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (privateBuilds().isEmpty()) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                throw new AssertionError(
                        "no private build appeared in " + data + " (alive: " + process.isAlive() + ")");
            }
            Thread.sleep(1);
        }
    }

    private static List<String> names(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
