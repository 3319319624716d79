package dev.forensics.store.bench.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one writer process of the writer cases counts, and the one line it prints:
 * {@code WRITER id=.. committed=.. errors=.. lockwait_p99_us=.. cpu_us_per_commit=.. firstError=..}. Both the
 * library's writer and the raw one use it, so the harness parses one format. The CPU time per commit is the writer
 * thread's own CPU time over the timed loop divided by the commits: unlike the rate, it hardly moves when other
 * programs load the machine, so it shows what each path costs even when the rates are noise.
 */
final class WriterLine {
    private static final Pattern LINE =
            Pattern.compile("WRITER id=\\S+ committed=(\\d+) errors=(\\d+) lockwait_p99_us=(\\d+)"
                    + " cpu_us_per_commit=(\\d+) firstError=(.*)");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final String id;
    private long committed;
    private long errors;
    private String firstError = "-";
    private long[] waits = new long[1 << 16];
    private long cpuAtStart;
    private long cpuNanos;

    WriterLine(String id) {
        this.id = id;
    }

    /** The analysis JSON every writer stores (about 1 KB). */
    static String analysisJson() {
        return "{\"verdict\":\"credible\",\"notes\":\"" + "lorem ipsum dolor sit amet ".repeat(33) + "\"}";
    }

    /**
     * Prints {@code READY} (the writer has opened its connection), reads the common start time from standard input,
     * sleeps until then and returns it: every writer starts together however long the JVMs took to start.
     */
    static long readyThenWaitForStart() throws InterruptedException {
        System.out.println("READY");
        System.out.flush();
        String line;
        try {
            line = new java.io.BufferedReader(
                            new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
                    .readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        long startAt = Long.parseLong(line.strip());
        long wait = startAt - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        return startAt;
    }

    /** The timed loop starts now, on the calling thread. */
    void loopStarted() {
        cpuAtStart = THREADS.getCurrentThreadCpuTime();
    }

    /** The timed loop ended; call on the thread that called {@link #loopStarted()}. */
    void loopEnded() {
        cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuAtStart;
    }

    /** A URL no other writer uses. */
    String nextUrl() {
        return "https://news.example.org/w" + id + "/" + committed + "-" + errors;
    }

    /** One transaction committed after waiting {@code lockWaitNanos} for the write lock. */
    void committed(long lockWaitNanos) {
        if (committed == waits.length) {
            waits = Arrays.copyOf(waits, waits.length * 2);
        }
        waits[(int) committed++] = lockWaitNanos;
    }

    /** One transaction failed. */
    void failed(Exception e) {
        if (errors++ == 0) {
            firstError = e.getClass().getSimpleName() + ": "
                    + String.valueOf(e.getMessage()).replace('\n', ' ');
        }
    }

    long lockWaitP99Micros() {
        if (committed == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(waits, (int) committed);
        Arrays.sort(sorted);
        return sorted[(int) Math.min(committed - 1, (long) Math.ceil(committed * 0.99) - 1)] / 1000;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "WRITER id=%s committed=%d errors=%d lockwait_p99_us=%d cpu_us_per_commit=%d firstError=%s",
                id,
                committed,
                errors,
                lockWaitP99Micros(),
                committed == 0 ? 0 : cpuNanos / committed / 1000,
                firstError);
    }

    /**
     * Parses a line printed by {@link #toString()}.
     *
     * @return {committed, errors, lockWaitP99Micros, cpuMicrosPerCommit}, or {@code null} when the line is something else
     */
    static long[] parse(String line) {
        Matcher m = LINE.matcher(line);
        return m.matches()
                ? new long[] {
                    Long.parseLong(m.group(1)),
                    Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4))
                }
                : null;
    }
}
