package dev.forensics.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.forensics.store.AsideBuild;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.cli.Main;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.DatabaseProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose leftover a private build is (ADR-019) is told by a lock its process holds while the build exists, which the
 * kernel releases when the process dies, not by the process id in its name: a process of another PID namespace (a
 * container sharing the folder) has an id that means nothing here, and a dead process's id can belong to a live one.
 * The tests hold a real ingest (a child JVM, {@link HeldValidationWorker}) in its private phase, its private files named
 * after another process id ({@code sqlite.PidInNamesWorker}), as a cleaner would see a process of another namespace.
 */
class LeftoverBuildsProcessTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** Above Linux's PID_MAX_LIMIT (4,194,304): no process here has it, as a process of another PID namespace. */
    private static final long NO_PROCESS_HERE = 4_194_305;
    /** init: always alive, as an unrelated process that was given the id of a dead builder. */
    private static final long ALIVE_UNRELATED = 1;

    @TempDir
    Path dir;

    @Test
    void aLiveBuildWhoseNameCarriesAProcessIdNotAliveHereSurvivesAnotherIngestAndIsPublished() throws Exception {
        assumeThat(ProcessHandle.of(NO_PROCESS_HERE)).isEmpty();
        Path input = articles("in.jsonl", 2_000);
        Path db = dir.resolve("new.db");
        Path release = dir.resolve("release");

        try (ChildJvm held = heldBuild(NO_PROCESS_HERE, db, input, release.toString())) {
            held.awaitLine(HeldValidationWorker.HELD, TIMEOUT);

            ingestAnotherNewFileBeside();

            assertThat(privateFiles())
                    .as("the live build named after process " + NO_PROCESS_HERE)
                    .contains(".new.db.build-" + NO_PROCESS_HERE + "-1.tmp");
            Files.createFile(release);
            ChildJvm.Result result = held.await(TIMEOUT);
            assertThat(result.exitCode()).as(result.err()).isZero();
        }
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(2_000);
        assertThat(privateFiles()).isEmpty();
    }

    @Test
    void aBuildWhoseProcessWasKilledIsDeletedByTheNextIngestEvenWhenItsProcessIdIsAliveHere() throws Exception {
        assumeThat(ProcessHandle.of(ALIVE_UNRELATED))
                .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        Path input = articles("in.jsonl", 2_000);
        Path db = dir.resolve("new.db");

        try (ChildJvm held = heldBuild(ALIVE_UNRELATED, db, input)) {
            held.awaitLine(HeldValidationWorker.HELD, TIMEOUT);
            held.process().destroyForcibly().waitFor();
        }
        assertThat(privateFiles()).as("left by the killed process").isNotEmpty();

        ingestAnotherNewFileBeside();

        assertThat(privateFiles())
                .as("deleted by the next ingest in the directory")
                .isEmpty();
        assertThat(db).doesNotExist();
    }

    @Test
    void aBuildOfThisJvmKeepsItsLockWhileAnotherBuildHereLooksForLeftoversSoAnotherProcessLeavesItAlone()
            throws Exception {
        Path first = dir.resolve("first.db");
        Path input = articles("in.jsonl", 10);

        try (AsideBuild held = new SqliteDatabase(first, StoreOptions.defaults())
                .buildAsideIfNew()
                .orElseThrow()) {
            // A second build of this JVM looks at the first one's lock file (and must not open it: closing a second
            // descriptor would drop this process's lock), then another process looks for leftovers.
            new SqliteDatabase(dir.resolve("second.db"), StoreOptions.defaults())
                    .buildAsideIfNew()
                    .orElseThrow()
                    .close();
            ChildJvm.Result beside = ChildJvm.run(
                    dir,
                    TIMEOUT,
                    Main.class,
                    "ingest",
                    "--db",
                    dir.resolve("third.db").toString(),
                    input.toString());
            assertThat(beside.exitCode()).as(beside.err()).isZero();

            assertThat(held.publish()).isTrue();
        }
        assertThat(DatabaseProbe.count(first, "articles")).isZero();
    }

    /** An ingest into {@code other.db} in the same directory: its build deletes the leftovers it finds there. */
    private void ingestAnotherNewFileBeside() throws IOException {
        Path other = dir.resolve("other.db");
        IngestSummary summary = new Ingester(
                        new SqliteDatabase(other, StoreOptions.defaults()),
                        new IngestOptions(500, false, false),
                        IngestListener.NONE)
                .ingest(List.of(articles("other.jsonl", 10)));
        assertThat(summary.inserted()).isEqualTo(10);
    }

    /** An ingest into {@code db} held in its private phase at line 1,999, its private files named after {@code pid}. */
    private ChildJvm heldBuild(long pid, Path db, Path input, String... release) {
        List<String> args = new ArrayList<>(List.of(Long.toString(pid), db.toString(), input.toString(), "1999"));
        args.addAll(List.of(release));
        return ChildJvm.start(dir, "dev.forensics.store.sqlite.PidInNamesWorker", args.toArray(String[]::new));
    }

    /** The build's files of new.db: the build, its lock file, any SQLite companion. */
    private List<String> privateFiles() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith(".new.db.build-"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path articles(String name, int count) throws IOException {
        return JsonLinesFixture.articles(dir.resolve(name), name + ".example", count, i -> "body " + i, "");
    }
}
