package dev.forensics.store.sqlite;

import dev.forensics.store.internal.Threads;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Hands a private build's pages to the disk while the build is still written (ADR-019): a daemon thread syncs the file
 * each time it has grown by {@link #STEP_BYTES}, so that the sync of {@code publish()}, on the ingest's path, finds
 * little left to write (a 208 MB build: that sync took 0.30 s). Nothing depends on it for correctness: a failed or
 * skipped early sync only leaves more for the final one, which reports errors. Its descriptor is closed by
 * {@link #close()} only once no SQLite connection to the file is open: closing any descriptor of a file releases the
 * POSIX locks the process holds on it, SQLite's included.
 */
final class EarlyWriteback implements AutoCloseable {
    /** How much the file grows between two syncs. */
    static final long STEP_BYTES = 32L << 20;

    private static final long POLL_MILLIS = 20;

    private final FileChannel channel;
    private final Thread thread;
    private volatile boolean stopped;

    private EarlyWriteback(FileChannel channel, String name) {
        this.channel = channel;
        this.thread = new Thread(this::run, "forensics-store: early writeback of " + name);
        thread.setDaemon(true);
    }

    /** Starts syncing {@code file} as it grows; an absent or unreadable file gets no early sync (the final one stays). */
    static EarlyWriteback start(Path file) {
        try {
            EarlyWriteback writeback = new EarlyWriteback(
                    FileChannel.open(file, StandardOpenOption.READ),
                    file.getFileName().toString());
            writeback.thread.start();
            return writeback;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private void run() {
        long synced = 0;
        try {
            while (!stopped) {
                long size = channel.size();
                if (size - synced >= STEP_BYTES) {
                    channel.force(false);
                    synced = size;
                } else {
                    Thread.sleep(POLL_MILLIS);
                }
            }
        } catch (IOException | InterruptedException e) {
            // No early sync then: publish()'s sync writes everything and reports a failure.
        }
    }

    /** Stops the thread (after a sync under way) and closes the descriptor; call it with no SQLite connection open. */
    @Override
    public void close() {
        stopped = true;
        Threads.joinUninterruptibly(thread);
        try {
            channel.close();
        } catch (IOException ignored) {
            // A read-only descriptor: nothing of the file's is lost by a failed close.
        }
    }
}
