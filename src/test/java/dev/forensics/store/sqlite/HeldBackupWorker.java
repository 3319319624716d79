package dev.forensics.store.sqlite;

import dev.forensics.store.StoreOptions;
import dev.forensics.store.backup.BackupReport;
import dev.forensics.store.backup.Backups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A backup held at its last moment, its temporary written, checked and about to be put under the target's name, as a
 * second process whose temporaries carry another process id than its own (a process of another PID namespace): prints
 * {@code HELD}, waits until the release file exists (a hang guard, not a timing), then finishes and prints
 * {@code BACKED UP}. Arguments: {@code PID SOURCE TARGET RELEASE}.
 */
public final class HeldBackupWorker {
    /** Printed once the backup is held. */
    public static final String HELD = "HELD";

    private static final Duration HANG_GUARD = Duration.ofMinutes(10);

    private HeldBackupWorker() {}

    /** Runs the held backup; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        ProcessTemporaries.PID_IN_NAMES.set(Long.parseLong(args[0]));
        Path target = Path.of(args[2]).toAbsolutePath().normalize();
        Path release = Path.of(args[3]);
        NoReplacePublish.BEFORE_TAKING_THE_NAME.put(target, () -> {
            System.out.println(HELD);
            System.out.flush();
            awaitFile(release);
        });
        BackupReport report = Backups.backup(new SqliteDatabase(Path.of(args[1]), StoreOptions.defaults()), target);
        System.out.println("BACKED UP " + report.target());
    }

    private static void awaitFile(Path release) {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        try {
            while (!Files.exists(release) && System.nanoTime() - deadline < 0) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
