package dev.forensics.store.reliability.workers;

import dev.forensics.store.Repository;
import java.nio.file.Path;

/**
 * Holds the write lock of a database for a while: a transaction ({@code BEGIN IMMEDIATE}) that sleeps, as a slow
 * writer in another process would. Arguments: {@code DB MILLIS}. Prints {@code LOCKED} once it holds the lock and
 * {@code RELEASED} after the commit.
 */
public final class LockHolderWorker {
    private LockHolderWorker() {}

    /** Holds the lock; see the class comment for the arguments. */
    public static void main(String[] args) throws InterruptedException {
        long millis = Long.parseLong(args[1]);
        try (Repository repo = new Repository(Path.of(args[0]))) {
            repo.useTransaction(tx -> {
                tx.authors().upsert("lock-holder", "Lock Holder");
                System.out.println("LOCKED");
                System.out.flush();
                Thread.sleep(millis);
            });
        }
        System.out.println("RELEASED");
    }
}
