package dev.forensics.store.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress bar on standard error ({@code [#####.....]  50%  5000/10000  8123 rows/s}), redrawn at most
 * ten times a second; shown only when enabled and the input is longer than one batch.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final int batchSize;
    private boolean shown;
    private long total;
    private long started;
    private long lastDrawn;

    ProgressBar(PrintWriter err, boolean enabled, int batchSize) {
        this.err = err;
        this.enabled = enabled;
        this.batchSize = batchSize;
    }

    /** Whether file descriptor 2 is a terminal (Linux /proc; elsewhere, whether the JVM has a console). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }

    void start(long totalRecords) {
        this.total = totalRecords;
        this.shown = enabled && totalRecords > batchSize;
        this.started = System.nanoTime();
        draw(0);
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - lastDrawn >= REDRAW_NANOS || done >= total) {
            draw(done);
        }
    }

    /** Ends the bar's line so that what follows starts on a new one. */
    void finish() {
        if (shown) {
            err.println();
            err.flush();
            shown = false;
        }
    }

    private void draw(long done) {
        if (!shown) {
            return;
        }
        lastDrawn = System.nanoTime();
        double fraction = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = (lastDrawn - started) / 1e9;
        err.print(String.format(Locale.ROOT, "\r[%s%s] %3d%%  %d/%d  %.0f rows/s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.round(fraction * 100), done, total, seconds > 0 ? done / seconds : 0));
        err.flush();
    }
}
