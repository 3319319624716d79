package dev.forensics.store.reliability.workers;

import dev.forensics.store.Repository;
import dev.forensics.store.internal.LeakDetector;
import dev.forensics.store.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Drops a Repository without {@code close()} and collects garbage until the leak detector has reported it and
 * closed its connection (or 30 s passed), in its own JVM so that the test can read the log on standard error. Argument: {@code DB}. Prints one {@code FIGURE} line
 * with the open and leaked counts and the descriptors on the database file before, while leaked and after GC (the whole process's count moves
 * with the JVM's own files, jars and JIT, so it proves nothing).
 */
public final class LeakWorker {
    private LeakWorker() {}

    /** Runs the scenario; see the class comment for the argument. */
    public static void main(String[] args) throws InterruptedException {
        Path db = Path.of(args[0]);
        try (Repository warmUp = new Repository(db)) { // loads the classes, jars and native library first
            warmUp.llmCache().put("https://leak.example/0", "{}");
        }
        int openBefore = Repository.openCount();
        long leakedBefore = LeakDetector.leakedCount();
        long dbFdBefore = TestFiles.openFileDescriptorsOn(db);
        openAndForgetToClose(db);
        int openWhileLeaked = Repository.openCount();
        long dbFdWhileLeaked = TestFiles.openFileDescriptorsOn(db);
        // LeakDetector's Cleaner action counts the leak, logs it, then closes the connection: wait for the first event
        // (collecting garbage until it comes), then for the last (the descriptors on the file back to their start).
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (LeakDetector.leakedCount() == leakedBefore && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        while (TestFiles.openFileDescriptorsOn(db) > dbFdBefore && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        System.out.println("FIGURE leak-detection open-before=" + openBefore + " open-while-leaked=" + openWhileLeaked
                + " open-after-gc=" + Repository.openCount() + " leaked-before=" + leakedBefore + " leaked-after-gc="
                + LeakDetector.leakedCount()
                + " db-fd-before=" + dbFdBefore + " db-fd-while-leaked=" + dbFdWhileLeaked + " db-fd-after-gc="
                + TestFiles.openFileDescriptorsOn(db)
                + " wal-after-gc=" + Files.exists(db.resolveSibling(db.getFileName() + "-wal")));
    }

    /** The line the leak report must point at: a block that forgets try-with-resources. */
    private static void openAndForgetToClose(Path db) {
        Repository repo = new Repository(db);
        repo.llmCache().put("https://leak.example/1", "{}");
    }
}
