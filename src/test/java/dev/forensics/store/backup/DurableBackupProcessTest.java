package dev.forensics.store.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.StoreOptions;
import dev.forensics.store.errors.DiskFullException;
import dev.forensics.store.errors.InvalidInputException;
import dev.forensics.store.schema.Migrator;
import dev.forensics.store.sqlite.SqliteDatabase;
import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.RowDigest;
import dev.forensics.store.testing.SampleStore;
import dev.forensics.store.testing.ScratchMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup --to FILE} as a real process, killed with SIGKILL ({@code destroyForcibly}) at several moments of its
 * work, chosen by what is on disk (the file being written reaches a quarter, half, ... of the backup's size), not by
 * the clock: under the target name there is then either nothing or a complete, checked copy.
 */
class DurableBackupProcessTest {
    private static final int ARTICLES = 12_000;
    private static final int BODY_CHARS = 2_000;

    @TempDir
    Path dir;

    /** A moment at which the backup process is killed, told by the files beside the target. */
    private record Moment(String name, Predicate<Files2> reached) {}

    /** What is on disk beside the target at one instant: the target and the file being written (target or temporary). */
    private record Files2(boolean targetExists, long writtenBytes, boolean journalExists, long expectedBytes) {}

    @Test
    void aBackupKilledAtAnyMomentLeavesNothingOrACompleteCheckedCopyUnderTheTargetName() {
        Path db = dir.resolve("forensics.db");
        SqliteDatabase database = new SqliteDatabase(db, StoreOptions.defaults());
        Migrator.migrate(database);
        SampleStore.fill(database, "kill", ARTICLES, BODY_CHARS);
        Map<String, String> source = RowDigest.of(db.toString());
        BackupReport reference = Backups.backup(database, dir.resolve("reference.db"));
        long expectedBytes = reference.bytes();
        System.out.println("FIGURE backup bytes=" + expectedBytes + " ms="
                + reference.took().toMillis() + " MB-per-s="
                + expectedBytes / 1e6 / Math.max(0.001, reference.took().toNanos() / 1e9)
                + " (machine shared with other builds)");
        List<Moment> moments = List.of(
                new Moment("a file being written appears", f -> f.writtenBytes() >= 0),
                new Moment("a quarter written", f -> f.writtenBytes() >= f.expectedBytes() / 4),
                new Moment("half written", f -> f.writtenBytes() >= f.expectedBytes() / 2),
                new Moment("three quarters written", f -> f.writtenBytes() >= f.expectedBytes() * 3 / 4),
                new Moment(
                        "all written, journal gone (sync and check)",
                        f -> f.writtenBytes() >= f.expectedBytes() && !f.journalExists()),
                new Moment("the target name appears", Files2::targetExists));
        int targetsSeen = 0;
        for (int i = 0; i < moments.size(); i++) {
            Moment moment = moments.get(i);
            Path target = dir.resolve("backup-" + i + ".db");
            String state;
            try (ChildJvm child = ChildJvm.start(
                    dir, "dev.forensics.store.cli.Main", "backup", "--to", target.toString(), "--db", db.toString())) {
                state = killWhen(child, target, moment, expectedBytes);
            }
            boolean exists = Files.exists(target);
            targetsSeen += exists ? 1 : 0;
            System.out.println("FIGURE backup-kill moment=\"" + moment.name() + "\" killed=\"" + state
                    + "\" target-exists=" + exists);
            if (exists) {
                assertThat(DatabaseProbe.integrityCheck(target))
                        .as("%s after a kill at '%s'", target, moment.name())
                        .isEqualTo("ok");
                assertThat(RowDigest.of(target.toString()))
                        .as("%s after a kill at '%s'", target, moment.name())
                        .isEqualTo(source);
            }
            assertThat(target.resolveSibling(target.getFileName() + "-journal")).doesNotExist();
        }
        System.out.println("FIGURE backup-kill targets-present-after-kill=" + targetsSeen + " of=" + moments.size());

        Path last = dir.resolve("backup-after-kills.db");
        Backups.backup(database, last);

        assertThat(RowDigest.of(last.toString())).isEqualTo(source);
        assertThat(leftovers())
                .as(
                        "temporaries of the killed backups (of any target in the directory), deleted by the next successful one")
                .isEmpty();
    }

    @Test
    void aBackupOntoAFullDiskFailsNamingTheTargetAndLeavesNoFileThere() {
        Path db = dir.resolve("forensics.db");
        SqliteDatabase database = new SqliteDatabase(db, StoreOptions.defaults());
        Migrator.migrate(database);
        SampleStore.fill(database, "full", 3_000, BODY_CHARS);
        try (ScratchMount mount = ScratchMount.tmpfs(dir.resolve("small-disk"), "1m")) {
            Path target = mount.path().resolve("backup.db");

            assertThatThrownBy(() -> Backups.backup(database, target))
                    .isInstanceOf(DiskFullException.class)
                    .hasMessageContaining(target.toString());
            assertThat(target).doesNotExist();
            try (Stream<Path> files = Files.list(mount.path())) {
                assertThat(files)
                        .as("the temporary is deleted after the failure")
                        .isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void aBackupNeverOverwritesAnExistingFile() throws IOException {
        Path db = dir.resolve("forensics.db");
        SqliteDatabase database = new SqliteDatabase(db, StoreOptions.defaults());
        Migrator.migrate(database);
        Path existing = Files.writeString(dir.resolve("keep.db"), "precious");

        assertThatThrownBy(() -> Backups.backup(database, existing))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("will not overwrite " + existing);
        assertThat(Files.readString(existing)).isEqualTo("precious");
    }

    private String killWhen(ChildJvm child, Path target, Moment moment, long expectedBytes) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            Files2 seen = look(target, expectedBytes);
            if (!child.process().isAlive()) {
                return "process ended first (exit " + child.process().exitValue() + ", " + seen + ")";
            }
            if (moment.reached().test(seen)) {
                child.kill();
                return seen.toString();
            }
            pause();
        }
        throw new AssertionError("moment '" + moment.name() + "' never came; stderr: " + child.err());
    }

    /** The file being written is the target itself (a backup that writes in place) or the newest temporary beside it. */
    private Files2 look(Path target, long expectedBytes) {
        boolean targetExists = Files.exists(target);
        String temporaryPrefix = "." + target.getFileName() + ".backup-";
        Path written = targetExists
                ? target
                : leftovers().stream()
                        .filter(p -> p.getFileName().toString().startsWith(temporaryPrefix)
                                && p.toString().endsWith(".tmp"))
                        .findFirst()
                        .orElse(null);
        long bytes = written == null ? -1 : sizeOrMinusOne(written);
        boolean journal = written != null && Files.exists(written.resolveSibling(written.getFileName() + "-journal"));
        return new Files2(targetExists, bytes, journal, expectedBytes);
    }

    private List<Path> leftovers() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(".backup-"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A poll interval: what is awaited is a state on disk, whatever time it takes to come. */
    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static long sizeOrMinusOne(Path file) {
        try {
            return Files.size(file);
        } catch (IOException vanished) {
            return -1;
        }
    }
}
