package dev.forensics.store.reliability.workers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Makes worker processes start their real work at the same moment: each prints {@code READY} once its JVM is up,
 * then waits for the test to create the "go" file. JVM start-up (a second or more) would otherwise serialise them.
 */
public final class StartSignal {
    private StartSignal() {}

    /** Prints {@code READY} and blocks until {@code go} exists (at most ten minutes: a hang guard, not a timing). */
    public static void awaitGo(Path go) throws InterruptedException {
        awaitGo(go, "READY");
    }

    /** Prints {@code ready} (a line the test waits for) and blocks until {@code go} exists (at most ten minutes: a hang guard, not a timing). */
    public static void awaitGo(Path go, String ready) throws InterruptedException {
        System.out.println(ready);
        System.out.flush();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no go signal at " + go + " within ten minutes");
            }
            Thread.sleep(1);
        }
    }

    /** Creates the go file that {@link #awaitGo(Path)} waits for. */
    public static void go(Path go) {
        try {
            Files.createFile(go);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
