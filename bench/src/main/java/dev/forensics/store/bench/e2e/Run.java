package dev.forensics.store.bench.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One finished OS process of the end-to-end cases: its exit code, wall time (start to exit, as a user waits for it),
 * peak resident memory (sampled from {@code /proc} every 20 ms) and output.
 *
 * @param exitCode  the process's exit code
 * @param nanos     wall time from start to exit
 * @param peakRssKb the highest VmRSS seen, in KB
 * @param stdout    standard output
 * @param stderr    standard error
 */
record Run(int exitCode, long nanos, long peakRssKb, String stdout, String stderr) {

    /** Seconds of wall time. */
    double seconds() {
        return nanos / 1e9;
    }

    /** Starts {@code command} in {@code dir}, waits for it (at most 30 minutes) and returns what it did. */
    static Run of(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            long peak = 0;
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, rssKb(status));
                if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(30)) {
                    process.destroyForcibly();
                }
            }
            long nanos = System.nanoTime() - start;
            return new Run(
                    process.exitValue(),
                    nanos,
                    peak,
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Fails the harness when the process did not succeed: a benchmark of a failed run measures nothing. */
    Run requireSuccess(String what) {
        if (exitCode != 0) {
            throw new IllegalStateException(
                    what + " exited with " + exitCode + ": " + stderr.strip() + " " + stdout.strip());
        }
        return this;
    }

    private static long rssKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
        return 0;
    }
}
