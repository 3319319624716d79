package dev.forensics.store.bench.e2e;

import java.io.File;
import java.nio.file.Path;

/**
 * The largest size of a {@code -wal} file seen while the writer cases run: a daemon thread reads it every 2 ms from
 * {@link #watch} until {@link #stop}. Reported beside the writer rates (ADR-018: with several writer processes the
 * library keeps it under 64 MB; the raw writers keep SQLite's autocheckpoint, which does not bound it).
 */
final class WalPeak {
    private final File wal;
    private final Thread sampler;
    private volatile boolean stopped;
    private volatile long peak;

    private WalPeak(Path database) {
        this.wal = database.resolveSibling(database.getFileName() + "-wal").toFile();
        this.sampler = new Thread(this::sample, "wal-peak");
        sampler.setDaemon(true);
    }

    /** Starts reading the size of {@code database}'s {@code -wal} file. */
    static WalPeak watch(Path database) {
        WalPeak watch = new WalPeak(database);
        watch.sampler.start();
        return watch;
    }

    /** Stops reading and returns the largest size read, in bytes (0 when there was no {@code -wal}). */
    long stop() throws InterruptedException {
        stopped = true;
        sampler.join();
        return peak;
    }

    private void sample() {
        while (!stopped) {
            peak = Math.max(peak, wal.length());
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
