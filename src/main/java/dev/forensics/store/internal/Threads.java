package dev.forensics.store.internal;

/** Waiting for the library's own helper threads. */
public final class Threads {
    private Threads() {}

    /**
     * Waits until {@code thread} has ended, even when the caller is interrupted meanwhile: the helper threads this is
     * for end by themselves (a validation pass, an early writeback told to stop), and what the caller does next needs
     * them ended. An interrupt received while waiting is kept: the caller's flag is set again on return.
     */
    public static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
