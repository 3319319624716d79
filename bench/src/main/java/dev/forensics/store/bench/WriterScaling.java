package dev.forensics.store.bench;

import dev.forensics.store.Repository;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Case 5 (a harness, not JMH: it needs several OS processes on one file). For each process count, a fresh migrated
 * file and that many {@link CacheWriter} processes started on this JVM's classpath, writing for the same
 * {@code seconds}; prints one line per count:
 * {@code FIGURE writers=N committed=.. errors=.. rows=.. writes_per_s=.. ratio_to_1=..}.
 * Usage: {@code WriterScaling [seconds=5] [counts=1,2,4] [rounds=1]}. Each run also prints
 * {@code RESULT round=.. writers=.. errors=E rows=.. lost=L}; the process exits with status 1 when any run had an error
 * (a writer's busy error, a writer that failed or never reported, a run that committed nothing) or lost a write (rows stored fewer than commits
 * reported), so that {@code bench/run.sh} fails: "0 errors, 0 lost" is a target of BENCHMARKS.md, not a figure.
 */
public final class WriterScaling {
    private static final Pattern WRITER =
            Pattern.compile("WRITER id=\\S+ committed=(\\d+) errors=(\\d+) firstError=(.*)");

    private WriterScaling() {}

    /** What one run found: its commit rate, its errors, and the commits reported minus the rows actually stored. */
    private record Run(double writesPerSecond, long errors, long lost) {}

    /** Runs the scaling rounds; see the class comment. */
    public static void main(String[] args) throws IOException, InterruptedException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String[] counts = (args.length > 1 ? args[1] : "1,2,4").split(",");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        long errors = 0;
        long lost = 0;
        for (int round = 1; round <= rounds; round++) {
            double single = 0;
            for (String count : counts) {
                int writers = Integer.parseInt(count);
                Run run = run(round, writers, seconds);
                errors += run.errors();
                lost += run.lost();
                double rate = run.writesPerSecond();
                if (writers == 1) {
                    single = rate;
                }
                System.out.printf(
                        "FIGURE round=%d writers=%d writes_per_s=%.0f ratio_to_1=%s%n",
                        round, writers, rate, single > 0 ? String.format("%.2f", rate / single) : "-");
            }
        }
        if (errors != 0 || lost != 0) {
            System.out.println(
                    "FAILED errors=" + errors + " lost=" + lost + ": the target is 0 errors and 0 lost writes");
            System.exit(1);
        }
    }

    private static Run run(int round, int writers, int seconds) throws IOException, InterruptedException {
        try (BenchTarget target = BenchTarget.fresh("sqlite")) {
            long startAt = System.currentTimeMillis() + 3000;
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                processes.add(new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-Xmx128m",
                                "-cp",
                                System.getProperty("java.class.path"),
                                CacheWriter.class.getName(),
                                target.file().toString(),
                                Long.toString(startAt),
                                Integer.toString(seconds),
                                Integer.toString(i))
                        .redirectErrorStream(true)
                        .start());
            }
            long committed = 0;
            long errors = 0;
            for (Process process : processes) {
                boolean reported = false;
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        Matcher m = WRITER.matcher(line);
                        if (m.matches()) {
                            reported = true;
                            committed += Long.parseLong(m.group(1));
                            errors += Long.parseLong(m.group(2));
                            if (!"-".equals(m.group(3))) {
                                System.out.println("first error: " + m.group(3));
                            }
                        } else if (!line.isBlank()) {
                            System.out.println("writer: " + line);
                        }
                    }
                }
                if (process.waitFor() != 0 || !reported) {
                    errors++;
                    System.out.println("a writer process failed with exit code " + process.exitValue());
                }
            }
            if (committed == 0) {
                errors++;
                System.out.println("no writer committed anything (started after the " + seconds + " s window closed?)");
            }
            long rows;
            try (var repo = new Repository(target.database())) {
                rows = repo.llmCache().stats().entries();
            }
            double rate = committed / (double) seconds;
            System.out.printf(
                    "RESULT round=%d writers=%d seconds=%d committed=%d errors=%d rows=%d lost=%d%n",
                    round, writers, seconds, committed, errors, rows, committed - rows);
            return new Run(rate, errors, committed - rows);
        }
    }
}
