package dev.forensics.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.backup.Backups;
import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup's temporary is judged as a new file's private build is (ADR-019, {@link TemporaryClaim}): by the lock its
 * process holds, not by the process id in its name.
 */
class LeftoverBackupsProcessTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** Above Linux's PID_MAX_LIMIT (4,194,304): no process here has it, as a process of another PID namespace. */
    private static final long NO_PROCESS_HERE = 4_194_305;

    @TempDir
    Path dir;

    @Test
    void aLiveBackupWhoseTemporaryCarriesAProcessIdNotAliveHereSurvivesAnotherBackupAndIsPublished() throws Exception {
        assumeThat(ProcessHandle.of(NO_PROCESS_HERE)).isEmpty();
        Path source = TestFiles.migrated(dir, "source.db");
        try (Repository repo = new Repository(source)) {
            repo.articles()
                    .upsert(new NewArticle("https://b.example/1", repo.authors().upsert("a", "A"), "t", null, "b"));
        }
        Path target = dir.resolve("backup.db");
        Path release = dir.resolve("release");

        try (ChildJvm held = ChildJvm.start(
                dir,
                HeldBackupWorker.class,
                Long.toString(NO_PROCESS_HERE),
                source.toString(),
                target.toString(),
                release.toString())) {
            held.awaitLine(HeldBackupWorker.HELD, TIMEOUT);

            Backups.backup(new SqliteDatabase(source, StoreOptions.defaults()), dir.resolve("other.db"));

            assertThat(names())
                    .as("the live backup's temporary, named after process " + NO_PROCESS_HERE)
                    .anyMatch(name -> name.startsWith(".backup.db.backup-" + NO_PROCESS_HERE) && name.endsWith(".tmp"));
            Files.createFile(release);
            ChildJvm.Result result = held.await(TIMEOUT);
            assertThat(result.exitCode()).as(result.err()).isZero();
        }
        assertThat(DatabaseProbe.count(target, "articles")).isEqualTo(1);
        assertThat(names()).noneMatch(name -> name.contains(".backup-"));
    }

    private List<String> names() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
