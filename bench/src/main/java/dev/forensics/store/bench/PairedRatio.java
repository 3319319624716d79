package dev.forensics.store.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A ratio of two operations measured side by side in one JVM, for targets that JMH cannot judge on this shared 2-core
 * machine (JMH measures one side after the other while the load moves). Both sides alternate in blocks of
 * {@code block} operations, a round being A B B A, for the same seconds after a warm-up of a quarter of them; the target
 * is judged on the <b>median of the rounds' ratios</b>, which a burst of load on one block cannot move. Prints one line:
 * {@code RATIO pair=.. ours_us=.. baseline_us=.. ratio=.. rounds=.. rounds_min=.. rounds_median=.. rounds_max=..
 * ours_cpu_us=.. baseline_cpu_us=.. cpu_ratio=.. target=.. met=..} ({@code ratio} is that of the summed times; the
 * {@code cpu} figures are the measuring thread's CPU time per operation, which the load moves less than the time: a
 * report, not the target). Every operation gets an index never given before by
 * this instance (both sides get the same indices), so that an operation can make a new key of it.
 */
final class PairedRatio {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int block;
    private long next;

    /** Pairs that alternate in blocks of {@code block} operations. */
    PairedRatio(int block) {
        this.block = block;
    }

    /** One operation of a side, given its index. */
    @FunctionalInterface
    interface Op {
        void run(long index) throws Exception;
    }

    /**
     * A pair: {@code ours} against {@code baseline}; the ratio is a time ratio, ours / baseline, with {@code limit} a
     * maximum ({@code timeRatio}), or a rate ratio, baseline time / ours, with {@code limit} a minimum; a limit of 0
     * only reports.
     */
    record Pair(String name, Op ours, Op baseline, double limit, boolean timeRatio) {}

    /** Warms the pair up, measures it for {@code seconds}, prints its line; returns whether its target was met. */
    boolean measure(Pair pair, int seconds) throws Exception {
        rounds(pair, Math.max(1, seconds / 4) * 1_000_000_000L, new long[4], new ArrayList<>());
        long[] totals = new long[4];
        List<Double> perRound = new ArrayList<>();
        long ops = rounds(pair, seconds * 1_000_000_000L, totals, perRound);
        double ours = totals[0] / 1_000.0 / ops;
        double baseline = totals[1] / 1_000.0 / ops;
        double ratio = pair.timeRatio() ? ours / baseline : baseline / ours;
        double oursCpu = totals[2] / 1_000.0 / ops;
        double baselineCpu = totals[3] / 1_000.0 / ops;
        perRound.sort(null);
        double median = perRound.get(perRound.size() / 2);
        boolean met = pair.limit() == 0 || (pair.timeRatio() ? median <= pair.limit() : median >= pair.limit());
        System.out.printf(
                Locale.ROOT,
                "RATIO pair=%s ours_us=%.2f baseline_us=%.2f ratio=%.3f rounds=%d rounds_min=%.3f rounds_median=%.3f "
                        + "rounds_max=%.3f ours_cpu_us=%.2f baseline_cpu_us=%.2f cpu_ratio=%.3f target=%s met=%s%n",
                pair.name(),
                ours,
                baseline,
                ratio,
                perRound.size(),
                perRound.get(0),
                median,
                perRound.get(perRound.size() - 1),
                oursCpu,
                baselineCpu,
                pair.timeRatio() ? oursCpu / baselineCpu : baselineCpu / oursCpu,
                pair.limit() == 0 ? "report" : (pair.timeRatio() ? "<=" : ">=") + pair.limit(),
                pair.limit() == 0 ? "-" : met ? "yes" : "NO");
        return met;
    }

    /**
     * Runs A B B A rounds for {@code nanos}; adds each side's time to {@code totals[0..1]} and its thread CPU time to
     * {@code totals[2..3]}; returns the ops per side.
     */
    private long rounds(Pair pair, long nanos, long[] totals, List<Double> perRound) throws Exception {
        long end = System.nanoTime() + nanos;
        long ops = 0;
        while (System.nanoTime() < end) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long a = block(pair.ours(), next);
            long cpuA = THREADS.getCurrentThreadCpuTime() - cpu;
            long b = block(pair.baseline(), next);
            b += block(pair.baseline(), next + block);
            long cpuB = THREADS.getCurrentThreadCpuTime() - cpu - cpuA;
            a += block(pair.ours(), next + block);
            cpuA += THREADS.getCurrentThreadCpuTime() - cpu - cpuA - cpuB;
            totals[0] += a;
            totals[1] += b;
            totals[2] += cpuA;
            totals[3] += cpuB;
            perRound.add(pair.timeRatio() ? (double) a / b : (double) b / a);
            ops += 2L * block;
            next += 2L * block;
        }
        return ops;
    }

    private long block(Op op, long first) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < block; i++) {
            op.run(first + i);
        }
        return System.nanoTime() - start;
    }
}
