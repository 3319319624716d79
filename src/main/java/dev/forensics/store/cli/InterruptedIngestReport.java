package dev.forensics.store.cli;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What {@code ingest} says when SIGTERM or Ctrl-C (SIGINT) ends it: a JVM shutdown hook that waits for the batch being
 * written to commit (or roll back), keeps the ingest from beginning another, deletes the spooled input and prints one
 * line: how many records were committed and that running the same command again finishes the job. The ingest calls
 * {@link #committing}/{@link #committed} around every batch; {@link #close()} removes the hook when the ingest ends
 * by itself.
 */
final class InterruptedIngestReport implements AutoCloseable {
    /** How long the hook waits for the batch in flight before it reports without it. */
    private static final long BATCH_WAIT_SECONDS = 30;

    // Fair: once the hook waits for it, the ingest's next committing() queues behind the hook instead of taking the
    // lock again at once (with an unfair lock 6 more batches committed after the signal, 1-2 with this one).
    private final ReentrantLock batch = new ReentrantLock(true);
    private final String database;
    private final PrintWriter err;
    private final Runnable beforePrinting;
    private final AutoCloseable spool;
    private final Thread hook;
    private volatile long committed;
    private volatile long total = -1;

    /**
     * Installs the hook.
     *
     * @param database       the database as shown to the user
     * @param err            where the line goes
     * @param beforePrinting run first (ends the progress bar's line)
     * @param spool          closed by the hook: the copies of the input
     */
    InterruptedIngestReport(String database, PrintWriter err, Runnable beforePrinting, AutoCloseable spool) {
        this.database = database;
        this.err = err;
        this.beforePrinting = beforePrinting;
        this.spool = spool;
        this.hook = new Thread(this::report, "forensics-store ingest interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A batch of the {@code total} valid records is about to be written; blocks for good once the JVM shuts down. */
    void committing(long done, long total) {
        batch.lock();
        this.committed = done;
        this.total = total;
    }

    /** The batch is committed: {@code done} records are handled. */
    void committed(long done) {
        this.committed = done;
        releaseBatch();
    }

    /** The ingest ended by itself (done or failed): the hook is removed. */
    @Override
    public void close() {
        releaseBatch();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run: it reports.
        }
    }

    private void releaseBatch() {
        if (batch.isHeldByCurrentThread()) {
            batch.unlock();
        }
    }

    private void report() {
        boolean settled;
        try {
            // Never released: the ingest cannot begin another batch after this line is printed.
            settled = batch.tryLock(BATCH_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            settled = false;
        }
        beforePrinting.run();
        String rerun = "; run the same command again to finish the job";
        String line = total < 0
                ? "interrupted: no article was written to " + database + rerun
                : "interrupted: " + (settled ? "" : "at least ") + committed + " of " + total + " records committed to "
                        + database + " in whole batches, the rest not written" + rerun;
        err.println(ErrorReporter.printable(line));
        err.flush();
        try {
            spool.close();
        } catch (Exception e) {
            err.println("warning: " + ErrorReporter.printable(e.getMessage()));
            err.flush();
        }
    }
}
