package dev.forensics.store.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One status line on standard error, redrawn in place at most ten times a second (ADR-016): while the input is
 * validated {@code validating: 120000 lines, 9 s}, then while it is written
 * {@code [######..............]  30%  3000/10000 records, 4 s, about 9 s left}. Shown only when enabled (a terminal,
 * or {@code --progress}), for any number of records, one batch included. It prints no rate: the summary line gives
 * the one rate of the run, so two figures can never disagree. A shorter redraw blanks what the longer one left, and
 * {@link #println(String)} puts a warning on a line of its own above the bar.
 */
final class ProgressBar {
    private static final int WIDTH = 20;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final LongSupplier nanoTime;
    private final long created;
    private String line = "";
    private long writingStarted;
    private long total;
    private long lastDrawn;

    /** A bar that draws on {@code err} when {@code enabled}, timed by the system clock from now. */
    ProgressBar(PrintWriter err, boolean enabled) {
        this(err, enabled, System::nanoTime);
    }

    /** A bar timed by {@code nanoTime} (tests), from now. */
    ProgressBar(PrintWriter err, boolean enabled, LongSupplier nanoTime) {
        this.err = err;
        this.enabled = enabled;
        this.nanoTime = nanoTime;
        this.created = nanoTime.getAsLong();
        this.lastDrawn = created - REDRAW_NANOS;
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

    /** The first pass: {@code lines} lines of input read and checked so far. */
    void validating(long lines) {
        if (!enabled) {
            return; // called once per input line: a disabled bar formats nothing
        }
        long now = nanoTime.getAsLong();
        if (now - lastDrawn >= REDRAW_NANOS) {
            draw(String.format(Locale.ROOT, "validating: %d lines, %d s", lines, seconds(now - created)), now);
        }
    }

    /** The writing pass begins: {@code totalRecords} records to write (a new bar after {@link #finish()} too). */
    void start(long totalRecords) {
        this.total = totalRecords;
        this.writingStarted = nanoTime.getAsLong();
        drawWriting(0, writingStarted);
    }

    /** {@code done} of the records are handled; the last one is always drawn. */
    void update(long done) {
        if (!enabled) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (now - lastDrawn >= REDRAW_NANOS || done >= total) {
            drawWriting(done, now);
        }
    }

    /** Prints {@code message} on a line of its own: above the bar when one is drawn, which is then drawn again below it. */
    void println(String message) {
        if (line.isEmpty()) {
            err.println(message);
            err.flush();
            return;
        }
        err.print("\r" + " ".repeat(line.length()) + "\r");
        err.println(message);
        err.print(line);
        err.flush();
    }

    /** Ends the bar's line so that what follows starts on a new one. */
    void finish() {
        if (!line.isEmpty()) {
            err.println();
            err.flush();
            line = "";
        }
    }

    private void drawWriting(long done, long now) {
        double fraction = total == 0 ? 1 : (double) done / total;
        int filled = (int) Math.floor(fraction * WIDTH);
        long elapsed = now - writingStarted;
        String left = done > 0 && done < total
                ? String.format(Locale.ROOT, ", about %d s left", seconds(elapsed * (total - done) / done))
                : "";
        draw(
                String.format(
                        Locale.ROOT,
                        "[%s%s] %3d%%  %d/%d records, %d s%s",
                        "#".repeat(filled),
                        ".".repeat(WIDTH - filled),
                        (int) Math.floor(fraction * 100),
                        done,
                        total,
                        seconds(now - created),
                        left),
                now);
    }

    private void draw(String next, long now) {
        if (!enabled) {
            return;
        }
        lastDrawn = now;
        // Blank what a longer previous line would leave behind ("974 rows/ss").
        String padding = " ".repeat(Math.max(0, line.length() - next.length()));
        err.print("\r" + next + padding);
        err.flush();
        line = next;
    }

    private static long seconds(long nanos) {
        return Math.round(nanos / 1e9);
    }
}
