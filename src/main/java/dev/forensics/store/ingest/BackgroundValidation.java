package dev.forensics.store.ingest;

import dev.forensics.store.errors.StoreInterruptedException;
import dev.forensics.store.internal.Threads;
import java.util.function.Supplier;

/**
 * The validation pass of an ingest into a new file, run on a thread of its own while the records it has validated are
 * written (ADR-019). Its outcome, a result or the exception it threw, is taken with {@link #await()}; a failure is also
 * handed to the spool, so a reader waiting there for more records gets it at once.
 *
 * @param <T> the result of the pass
 */
final class BackgroundValidation<T> {
    private final Supplier<T> pass;
    private Thread thread;
    private volatile T result;
    private volatile Throwable failure;

    BackgroundValidation(Supplier<T> pass) {
        this.pass = pass;
    }

    /** Starts the pass on a daemon thread; a failure ends {@code spool}'s appending. */
    void start(RecordSpool spool) {
        thread = new Thread(
                () -> {
                    try {
                        result = pass.get();
                    } catch (RuntimeException | Error e) {
                        failure = e;
                        spool.fail(e instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(e));
                    }
                },
                "forensics-store-ingest-validation");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the pass has ended. */
    boolean isDone() {
        return !thread.isAlive();
    }

    /**
     * Waits for the pass to end and returns its result.
     *
     * @throws RuntimeException what the pass threw (an {@link Error} is rethrown as it is)
     */
    T await() {
        join();
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return result;
    }

    /**
     * After the writer failed with {@code writing}: waits for the pass (the writer cancelled it) and returns what to
     * throw, the pass's own failure when it had one of its own (invalid input explains a writer that stopped reading),
     * else {@code writing}.
     */
    RuntimeException failureOr(RuntimeException writing) {
        join();
        Throwable own = failure;
        if (writing instanceof StoreInterruptedException && own != null && own != writing) {
            // Asked to stop: that explains the rest (a spool closed by the interrupt, a cancelled append).
            writing.addSuppressed(own);
            return writing;
        }
        if (own instanceof RuntimeException unchecked && !(own instanceof java.util.concurrent.CancellationException)) {
            if (unchecked != writing) {
                unchecked.addSuppressed(writing);
            }
            return unchecked;
        }
        if (own instanceof Error error) {
            writing.addSuppressed(error);
        }
        return writing;
    }

    private void join() {
        Threads.joinUninterruptibly(thread);
    }
}
