package dev.forensics.store.bench.e2e;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The end-to-end cases of BENCHMARKS.md (issue 13): the jobs as users run them, each beside its peer in the same run
 * and reported as a ratio, because absolute times on this shared 2-core machine drift by 2×.
 * <ul>
 *   <li>{@code ingest}: {@code forensics-store ingest --batch-size N} of a fresh JSON Lines file into a fresh database,
 *       whole process, against {@code bench/peers/python_ingest.py} (Python's sqlite3) on the same file; paired runs,
 *       alternating which goes first. Target: rate ≥ 1.5× Python's (median of the pairs).</li>
 *   <li>{@code empty}: the same command on an empty file, against {@code java -jar … --version} (the JVM's floor).</li>
 *   <li>{@code oneshot}: {@code cache get}, {@code stats} and an article lookup through the CLI, each against
 *       {@link RawFloor} (raw sqlite-jdbc, two PRAGMAs, one query). Target: ≤ 1.3× the floor.</li>
 *   <li>{@code writers}: 1 and 4 processes writing one cache entry per transaction, library ({@link LibraryCacheWriter})
 *       against raw sqlite-jdbc ({@link RawCacheWriter}). Targets: each ≥ 0.9× raw, library at 4 ≥ 0.9× library at 1,
 *       0 errors, every commit in the file; the p99 wait for the write lock reported.</li>
 *   <li>{@code big}: 500,000 lines ingested with {@code --batch-size 500} and in one transaction under a fixed heap
 *       ({@code -Xmx256m}); peak resident memory reported. Target: both succeed (memory bounded by the batch).</li>
 * </ul>
 * Usage: {@code EndToEnd [cases=ingest,empty,oneshot,writers,big] [rounds=3]}, run from the project directory after
 * {@code mvn -B -q package -DskipTests} (the CLI jar) and the bench build. Prints {@code E2E ...} lines and a table,
 * writes {@code target/bench/results/e2e.md}, and exits 1 when a target is missed.
 */
public final class EndToEnd {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path CLI_JAR = PROJECT.resolve("target/forensics-store.jar");
    /** This JVM's class path made absolute: the child processes run in the work folder. */
    private static final String CLASS_PATH = Arrays.stream(
                    System.getProperty("java.class.path").split(java.io.File.pathSeparator))
            .map(entry -> Path.of(entry).toAbsolutePath().toString())
            .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));

    private static final Path LAUNCHER = PROJECT.resolve("bin/forensics-store");
    private static final Path PYTHON_PEER = PROJECT.resolve("bench/peers/python_ingest.py");
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final Path work;
    private final int rounds;
    private final Report report = new Report();

    private EndToEnd(Path work, int rounds) {
        this.work = work;
        this.rounds = rounds;
    }

    /** Runs the cases; see the class comment. */
    public static void main(String[] args) throws Exception {
        Set<String> cases = Set.of((args.length > 0 ? args[0] : "ingest,empty,oneshot,writers,big").split(","));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (!Files.isRegularFile(CLI_JAR)) {
            throw new IllegalStateException(CLI_JAR + " is missing: run `mvn -B -q package -DskipTests` first");
        }
        Path work = Files.createDirectories(PROJECT.resolve("target/bench/e2e"));
        EndToEnd bench = new EndToEnd(work, rounds);
        // The launcher makes its class-data archive on its first run after a build: not part of any measurement.
        bench.cli(List.of(), "--version").requireSuccess("the launcher's first run");
        if (cases.contains("ingest")) {
            bench.ingest(50_000);
        }
        if (cases.contains("empty")) {
            bench.emptyIngest();
        }
        if (cases.contains("oneshot")) {
            bench.oneShot();
        }
        if (cases.contains("writers")) {
            bench.writers(5);
        }
        if (cases.contains("big")) {
            bench.bigIngest(500_000);
        }
        Path results = Files.createDirectories(PROJECT.resolve("target/bench/results"));
        String table = bench.report.table();
        Files.writeString(results.resolve("e2e.md"), table, StandardCharsets.UTF_8);
        System.out.println(table);
        System.exit(bench.report.allMet() ? 0 : 1);
    }

    private void ingest(int rows) throws Exception {
        Path input = articles("ingest-" + rows + ".jsonl", rows, "news.example");
        Path more = articles("more-" + rows + ".jsonl", rows, "more.example");
        double[] moreRatios = new double[rounds];
        double[] ratios = new double[rounds];
        double[] ours = new double[rounds];
        double[] peer = new double[rounds];
        double[] floor = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            Path rawDb = fresh("raw.db");
            floor[round] = Run.of(
                            work,
                            List.of(
                                    JAVA,
                                    "-cp",
                                    CLASS_PATH,
                                    RawIngest.class.getName(),
                                    input.toString(),
                                    rawDb.toString()))
                    .requireSuccess("RawIngest")
                    .seconds();
            requireRows(rawDb, rows);
            Supplier<Run> python = unchecked(() -> pythonIngest(input, fresh("python.db"), rows));
            Supplier<Run> cli = unchecked(() -> cliIngest(input, fresh("cli.db"), rows, rows));
            Run[] pair = round % 2 == 0 ? new Run[] {python.get(), cli.get()} : reversed(cli.get(), python.get());
            peer[round] = pair[0].seconds();
            ours[round] = pair[1].seconds();
            ratios[round] = peer[round] / ours[round];
            System.out.printf(
                    Locale.ROOT,
                    "E2E ingest round=%d rows=%d python_s=%.2f cli_s=%.2f raw_java_s=%.2f rate_ratio=%.2f%n",
                    round,
                    rows,
                    peer[round],
                    ours[round],
                    floor[round],
                    ratios[round]);
            // The same number of other articles into the stores just made: an existing file, so no build aside.
            Supplier<Run> pythonMore = unchecked(() -> pythonIngest(more, work.resolve("python.db"), 2L * rows));
            Supplier<Run> cliMore = unchecked(() -> cliIngest(more, work.resolve("cli.db"), rows, 2L * rows));
            Run[] morePair = round % 2 == 0
                    ? new Run[] {pythonMore.get(), cliMore.get()}
                    : reversed(cliMore.get(), pythonMore.get());
            moreRatios[round] = morePair[0].seconds() / morePair[1].seconds();
            System.out.printf(
                    Locale.ROOT,
                    "E2E ingest-existing round=%d rows=%d python_s=%.2f cli_s=%.2f rate_ratio=%.2f%n",
                    round,
                    rows,
                    morePair[0].seconds(),
                    morePair[1].seconds(),
                    moreRatios[round]);
        }
        report.add(
                "ingest " + rows + " more articles into a store holding " + rows + " (an existing file), whole process",
                String.format(Locale.ROOT, "rate %.2f× Python's", median(moreRatios)),
                "python3 sqlite3 loader into its own store",
                median(moreRatios),
                "report (ADR-019 builds only new files aside)",
                true);
        report.add(
                "the same ingest by raw Java (RawIngest: the Python script in plain JDBC, no validation)",
                String.format(Locale.ROOT, "%.2f s", median(floor)),
                String.format(Locale.ROOT, "python3 sqlite3 loader: %.2f s", median(peer)),
                median(peer) / median(floor),
                "report (the floor of a Java program)",
                true);
        report.add(
                "ingest " + rows + " articles by the CLI against raw Java",
                String.format(Locale.ROOT, "%.2f s", median(ours)),
                String.format(Locale.ROOT, "RawIngest: %.2f s", median(floor)),
                median(floor) / median(ours),
                "report",
                true);
        report.add(
                "ingest " + rows + " articles (2 KB bodies, --batch-size " + rows + "), whole process",
                String.format(Locale.ROOT, "%.2f s (%.0f rows/s)", median(ours), rows / median(ours)),
                String.format(Locale.ROOT, "python3 sqlite3 loader: %.2f s", median(peer)),
                median(ratios),
                "rate ≥ 1.5× Python",
                median(ratios) >= 1.5);
    }

    /** The Python loader of {@code input} into {@code db}, which must then hold {@code expectedRows} articles. */
    private Run pythonIngest(Path input, Path db, long expectedRows) throws IOException, InterruptedException {
        Run run = Run.of(work, List.of("python3", PYTHON_PEER.toString(), input.toString(), db.toString()))
                .requireSuccess("python peer into " + db.getFileName());
        requireRows(db, expectedRows);
        return run;
    }

    /** The CLI's ingest of {@code input} into {@code db} in batches of {@code batch}; then {@code expectedRows} stored. */
    private Run cliIngest(Path input, Path db, int batch, long expectedRows) throws IOException, InterruptedException {
        Run run = cli(
                        List.of(),
                        "--db",
                        db.toString(),
                        "ingest",
                        "--batch-size",
                        Integer.toString(batch),
                        input.toString())
                .requireSuccess("ingest into " + db.getFileName());
        requireRows(db, expectedRows);
        return run;
    }

    private void emptyIngest() throws Exception {
        Path empty = work.resolve("empty.jsonl");
        Files.writeString(empty, "");
        double[] ours = new double[rounds * 2];
        double[] floor = new double[rounds * 2];
        for (int i = 0; i < ours.length; i++) {
            Path db = fresh("empty.db");
            ours[i] = cli(List.of(), "--db", db.toString(), "ingest", "--allow-empty", empty.toString())
                    .seconds();
            floor[i] = cli(List.of(), "--version").requireSuccess("--version").seconds();
        }
        report.add(
                "ingest of an empty file into a new file (fixed cost)",
                seconds(median(ours)),
                "forensics-store --version: " + seconds(median(floor)),
                median(ours) / median(floor),
                "report",
                true);
    }

    private void oneShot() throws Exception {
        Path db = fresh("oneshot.db");
        Path input = articles("oneshot.jsonl", 1_000);
        cli(List.of(), "--db", db.toString(), "ingest", input.toString()).requireSuccess("ingest");
        String url = "https://news.example/7/story-7";
        Path json = work.resolve("analysis.json");
        Files.writeString(json, WriterLine.analysisJson());
        cli(List.of(), "--db", db.toString(), "cache", "put", "--url", url, "--model", "m1", "--file", json.toString())
                .requireSuccess("cache put");
        oneShotCase(
                "cache get --url U --model M",
                List.of("--db", db.toString(), "cache", "get", "--url", url, "--model", "m1"),
                List.of("cache-get", db.toString(), url, "m1"));
        oneShotCase("stats", List.of("--db", db.toString(), "stats"), List.of("stats", db.toString()));
        oneShotCase(
                "articles show URL",
                List.of("--db", db.toString(), "articles", "show", url),
                List.of("exists", db.toString(), url));
    }

    private void oneShotCase(String name, List<String> cliArgs, List<String> floorArgs) throws Exception {
        int n = rounds * 3;
        double[] ratios = new double[n];
        double[] ours = new double[n];
        double[] floor = new double[n];
        for (int i = 0; i < n; i++) {
            List<String> floorCommand = new ArrayList<>(List.of(JAVA, "-cp", CLASS_PATH, RawFloor.class.getName()));
            floorCommand.addAll(floorArgs);
            Run a = i % 2 == 0 ? cli(List.of(), cliArgs.toArray(String[]::new)) : null;
            Run b = Run.of(work, floorCommand).requireSuccess("RawFloor " + floorArgs.get(0));
            if (a == null) {
                a = cli(List.of(), cliArgs.toArray(String[]::new));
            }
            a.requireSuccess(name);
            ours[i] = a.seconds();
            floor[i] = b.seconds();
            ratios[i] = ours[i] / floor[i];
        }
        System.out.printf(
                Locale.ROOT,
                "E2E oneshot case='%s' cli_s=%.3f floor_s=%.3f ratio=%.2f%n",
                name,
                median(ours),
                median(floor),
                median(ratios));
        report.add(
                "one-shot `" + name + "`, whole process",
                seconds(median(ours)),
                "raw sqlite-jdbc program: " + seconds(median(floor)),
                median(ratios),
                "≤ 1.3× the floor",
                median(ratios) <= 1.3);
    }

    private void writers(int seconds) throws Exception {
        WriterResult[] raw = new WriterResult[5];
        WriterResult[] lib = new WriterResult[5];
        double lowestLoad = Double.MAX_VALUE;
        double highestLoad = 0;
        for (int round = 0; round < rounds; round++) {
            for (int processes : new int[] {1, 4}) {
                double load = loadAverage();
                lowestLoad = Math.min(lowestLoad, load);
                highestLoad = Math.max(highestLoad, load);
                WriterResult r = writerRound(RawCacheWriter.class, processes, seconds);
                WriterResult l = writerRound(LibraryCacheWriter.class, processes, seconds);
                raw[processes] = r.plus(raw[processes]);
                lib[processes] = l.plus(lib[processes]);
                System.out.printf(
                        Locale.ROOT,
                        "E2E writers round=%d processes=%d load=%.1f raw=%s library=%s%n",
                        round,
                        processes,
                        load,
                        r,
                        l);
                report.require(
                        "writers: " + processes + " process(es), round " + round + ": 0 errors and every commit stored",
                        l.errors() == 0 && l.lost() == 0 && r.errors() == 0 && r.lost() == 0,
                        l + " / raw " + r);
            }
        }
        String load = String.format(Locale.ROOT, " (load %.1f–%.1f)", lowestLoad, highestLoad);
        atLeastNineTenths(
                "1 writer process, one cache put per transaction" + load, lib[1], "raw sqlite-jdbc", raw[1], "raw");
        atLeastNineTenths("4 writer processes, same" + load, lib[4], "raw sqlite-jdbc ×4", raw[4], "raw");
        atLeastNineTenths(
                "4 writer processes against 1 (library)" + load, lib[4], "library, 1 process", lib[1], "of 1 process");
    }

    /**
     * A writer figure whose target is at least 0.9 of its baseline's rate; both cells also give the p99 wait for the
     * write lock and the writer threads' CPU time per commit.
     */
    private void atLeastNineTenths(
            String job, WriterResult ours, String baselineName, WriterResult baseline, String of) {
        double ratio = ours.rate() / baseline.rate();
        report.add(job, ours.summary(), baselineName + ": " + baseline.summary(), ratio, "≥ 0.9× " + of, ratio >= 0.9);
    }

    /** The 1-minute load average (the machine is shared: each writer figure is reported beside it). */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private WriterResult writerRound(Class<?> writer, int processes, int seconds) throws Exception {
        Path db = fresh("writers.db");
        cli(List.of(), "--db", db.toString(), "migrate").requireSuccess("migrate");
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            started.add(new ProcessBuilder(
                            JAVA,
                            "-Xmx128m",
                            "-cp",
                            CLASS_PATH,
                            writer.getName(),
                            db.toString(),
                            "-",
                            Integer.toString(seconds),
                            Integer.toString(i))
                    .redirectErrorStream(true)
                    .start());
        }
        List<java.io.BufferedReader> outputs = new ArrayList<>();
        for (Process process : started) {
            java.io.BufferedReader out = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            if (!"READY".equals(ready)) {
                throw new IllegalStateException(writer.getSimpleName() + " did not start: " + ready);
            }
            outputs.add(out);
        }
        WalPeak walPeak = WalPeak.watch(db);
        String startAt = (System.currentTimeMillis() + 500) + "\n";
        for (Process process : started) {
            process.getOutputStream().write(startAt.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
        }
        long committed = 0;
        long errors = 0;
        long p99 = 0;
        long cpuNanos = 0;
        for (int i = 0; i < started.size(); i++) {
            Process process = started.get(i);
            String out = outputs.get(i).lines().reduce("", (a, b) -> a + b + "\n");
            long[] line = out.lines()
                    .map(WriterLine::parse)
                    .filter(l -> l != null)
                    .findFirst()
                    .orElse(null);
            if (process.waitFor() != 0 || line == null || line[0] == 0) {
                errors++;
                System.out.println("writer failed or committed nothing: " + out.strip());
                continue;
            }
            committed += line[0];
            errors += line[1];
            p99 = Math.max(p99, line[2]);
            cpuNanos += line[0] * line[3] * 1000;
        }
        long walPeakBytes = walPeak.stop();
        return new WriterResult(
                processes, seconds, committed, errors, committed - count(db, "llm_cache"), p99, cpuNanos, walPeakBytes);
    }

    private void bigIngest(int rows) throws Exception {
        Path input = articles("big-" + rows + ".jsonl", rows);
        for (int batch : new int[] {500, rows}) {
            Path db = fresh("big.db");
            Run run = cli(
                    List.of("-Xmx256m"),
                    "--db",
                    db.toString(),
                    "ingest",
                    "--batch-size",
                    Integer.toString(batch),
                    input.toString());
            boolean ok = run.exitCode() == 0 && count(db, "articles") == rows;
            System.out.printf(
                    Locale.ROOT,
                    "E2E big rows=%d batch=%d exit=%d seconds=%.1f peak_rss_mb=%d%n",
                    rows,
                    batch,
                    run.exitCode(),
                    run.seconds(),
                    run.peakRssKb() / 1024);
            report.add(
                    "ingest " + rows + " lines, --batch-size " + batch + ", -Xmx256m",
                    String.format(
                            Locale.ROOT,
                            "%.1f s (%.0f rows/s), peak RSS %d MB, exit %d",
                            run.seconds(),
                            rows / run.seconds(),
                            run.peakRssKb() / 1024,
                            run.exitCode()),
                    "heap capped at 256 MB",
                    Double.NaN,
                    "completes",
                    ok);
            Files.deleteIfExists(db);
            if (batch == rows) {
                // The rate target on a file where the JVM's start and warm-up weigh less: the same file by the
                // Python loader (which holds every row in memory), beside the one-transaction run.
                Run python = pythonIngest(input, fresh("big-python.db"), rows);
                report.add(
                        "ingest " + rows + " lines in one transaction, whole process, against the Python loader",
                        String.format(Locale.ROOT, "%.1f s, peak RSS %d MB", run.seconds(), run.peakRssKb() / 1024),
                        String.format(
                                Locale.ROOT,
                                "python3 sqlite3 loader: %.1f s, peak RSS %d MB",
                                python.seconds(),
                                python.peakRssKb() / 1024),
                        python.seconds() / run.seconds(),
                        "report (the 1.5× target is on 50,000 lines)",
                        true);
                Files.deleteIfExists(work.resolve("big-python.db"));
            }
        }
    }

    /**
     * Runs the CLI the way the README tells users to, through {@code bin/forensics-store} (its JVM options and class-data
     * archive, ADR-017), on this JVM, with {@code jvmOptions} as {@code JAVA_OPTS}.
     */
    private Run cli(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "/usr/bin/env", "JAVA=" + JAVA, "JAVA_OPTS=" + String.join(" ", jvmOptions), LAUNCHER.toString()));
        command.addAll(Arrays.asList(args));
        return Run.of(work, command);
    }

    /** A JSON Lines file of {@code rows} articles by 500 authors with 2 KB bodies; made once and kept in target/. */
    private Path articles(String name, int rows) throws IOException {
        return articles(name, rows, "news.example");
    }

    private Path articles(String name, int rows, String host) throws IOException {
        Path file = work.resolve(name);
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path partial = work.resolve(name + ".partial");
        String filler = "lorem ipsum dolor sit amet, consectetur adipiscing elit ".repeat(40);
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            for (int i = 0; i < rows; i++) {
                String body = (i + " " + filler).substring(0, 2048);
                out.write("{\"url\": \"https://" + host + "/" + i + "/story-" + i + "\", \"title\": \"Title " + i
                        + "\", \"author\": \"Author Number " + (i % 500)
                        + "\", \"published_at\": \"2024-05-01T12:00:00Z\", \"body\": \""
                        + body + "\"}\n");
            }
        }
        return Files.move(partial, file);
    }

    private Path fresh(String name) throws IOException {
        Path db = work.resolve(name);
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal", ".migrate-lock"}) {
            Files.deleteIfExists(db.resolveSibling(name + suffix));
        }
        return db;
    }

    private static void requireRows(Path db, long rows) {
        long found = count(db, "articles");
        if (found != rows) {
            throw new IllegalStateException(db + " holds " + found + " articles, expected " + rows);
        }
    }

    private static long count(Path db, String table) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException("counting " + table + " in " + db + ": " + e.getMessage(), e);
        }
    }

    private static Run[] reversed(Run first, Run second) {
        return new Run[] {second, first};
    }

    private static Supplier<Run> unchecked(Callable run) {
        return () -> {
            try {
                return run.call();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    /** A step of a case that runs one process. */
    @FunctionalInterface
    private interface Callable {
        Run call() throws Exception;
    }

    /**
     * The writers of one round.
     *
     * @param processes how many processes wrote
     * @param seconds   for how long
     * @param committed transactions the writers reported committed
     * @param errors    transactions that failed, plus writer processes that failed
     * @param lost      committed transactions not found in the file
     * @param lockWaitP99Micros the highest p99 wait for the write lock among the processes
     * @param cpuNanos  the writer threads' CPU time over their timed loops, all processes together
     * @param walPeakBytes the largest size of the {@code -wal} file read (every 2 ms) while they ran
     */
    private record WriterResult(
            int processes,
            int seconds,
            long committed,
            long errors,
            long lost,
            long lockWaitP99Micros,
            long cpuNanos,
            long walPeakBytes) {
        double rate() {
            return committed / (double) seconds;
        }

        /** This round added to {@code earlier} rounds (null for none): the rate over all, the highest p99 and -wal. */
        WriterResult plus(WriterResult earlier) {
            if (earlier == null) {
                return this;
            }
            return new WriterResult(
                    processes,
                    seconds + earlier.seconds,
                    committed + earlier.committed,
                    errors + earlier.errors,
                    lost + earlier.lost,
                    Math.max(lockWaitP99Micros, earlier.lockWaitP99Micros),
                    cpuNanos + earlier.cpuNanos,
                    Math.max(walPeakBytes, earlier.walPeakBytes));
        }

        double cpuMicrosPerCommit() {
            return committed == 0 ? 0 : cpuNanos / 1000.0 / committed;
        }

        /** The table cell: rate, p99 wait for the write lock, CPU per commit, largest -wal. */
        String summary() {
            return String.format(
                    Locale.ROOT,
                    "%.0f commits/s, p99 lock wait %.1f ms, %.0f µs CPU/commit, -wal peak %.1f MB",
                    rate(),
                    lockWaitP99Micros / 1000.0,
                    cpuMicrosPerCommit(),
                    walPeakBytes / 1e6);
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%.0f/s committed=%d errors=%d lost=%d lockwait_p99_us=%d cpu_us_per_commit=%.0f wal_peak_bytes=%d",
                    rate(),
                    committed,
                    errors,
                    lost,
                    lockWaitP99Micros,
                    cpuMicrosPerCommit(),
                    walPeakBytes);
        }
    }
}
