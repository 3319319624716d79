package dev.forensics.store.reliability.workers;

import dev.forensics.store.Repository;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Holds the write lock of a database, as a slow writer in another process would: a transaction ({@code BEGIN IMMEDIATE})
 * that waits. Arguments: {@code DB MILLIS [RELEASE]}: it holds the lock for {@code MILLIS}, or, when a {@code RELEASE}
 * file is named, until that file exists (at most {@code MILLIS}), so that a test decides when the lock is freed
 * instead of racing a fixed time. Prints {@code LOCKED} once it holds the lock and {@code RELEASED} after the commit.
 */
public final class LockHolderWorker {
    private LockHolderWorker() {}

    /** Holds the lock; see the class comment for the arguments. */
    public static void main(String[] args) throws InterruptedException {
        long millis = Long.parseLong(args[1]);
        Path release = args.length > 2 ? Path.of(args[2]) : null;
        try (Repository repo = new Repository(Path.of(args[0]))) {
            repo.useTransaction(tx -> {
                tx.authors().upsert("lock-holder", "Lock Holder");
                System.out.println("LOCKED");
                System.out.flush();
                long deadline = System.nanoTime() + millis * 1_000_000;
                do {
                    Thread.sleep(release == null ? millis : 5);
                } while (release != null && !Files.exists(release) && System.nanoTime() < deadline);
            });
        }
        System.out.println("RELEASED");
    }
}
