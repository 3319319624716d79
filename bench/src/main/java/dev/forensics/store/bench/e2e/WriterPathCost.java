package dev.forensics.store.bench.e2e;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.metrics.StoreMetrics;
import dev.forensics.store.metrics.TransactionOutcome;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What one writer transaction costs the library against raw sqlite-jdbc, measured so that other programs' load on the
 * machine hardly moves it: one thread, in one JVM, alternating blocks of transactions of {@link RawCacheWriter}'s loop
 * (on one file) and of {@code repo.useTransaction(tx -> tx.llmCache().put(...))} (on another), and comparing the
 * thread's CPU time per transaction block by block (the median of the per-round ratios; the first two rounds are
 * warm-up). It also gives the time each side holds the write lock: raw from after {@code BEGIN IMMEDIATE} to after
 * {@code COMMIT}, the library the same span as its transaction metrics see it (total minus lock wait).
 * <p>
 * Usage: {@code WriterPathCost <library.db> <raw.db> [rounds=40] [block=500] [raw-without-generated-keys]}, both files
 * migrated ({@code java -jar target/forensics-store.jar --db F migrate}); prints two lines. The raw loop keeps the
 * driver's defaults, as {@link RawCacheWriter} does, unless the last argument turns off its generated-keys query, which
 * the library's connection does not run (ADR-017): then the two sides do the same driver work.
 */
public final class WriterPathCost {
    private static final String PUT =
            "INSERT INTO llm_cache (url_hash, url, model, analysis_json, cached_at, used_at, bytes)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url_hash, model) DO UPDATE SET url = excluded.url,"
                    + " analysis_json = excluded.analysis_json, cached_at = excluded.cached_at,"
                    + " used_at = excluded.used_at, bytes = excluded.bytes";
    private static final String MODEL = "gpt-bench-1";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final String json = WriterLine.analysisJson();
    private final long bytes = json.getBytes(StandardCharsets.UTF_8).length;
    private final long[] libraryHolds;
    private final long[] rawHolds;
    private int libraryHeld;
    private int rawHeld;
    private long next;

    private WriterPathCost(int transactions) {
        libraryHolds = new long[transactions];
        rawHolds = new long[transactions];
    }

    /** Runs the comparison; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path library = Path.of(args[0]);
        Path raw = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        int block = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        if (!Files.isRegularFile(library) || !Files.isRegularFile(raw) || rounds < 4) {
            throw new IllegalArgumentException("usage: WriterPathCost <library.db> <raw.db> [rounds>=4] [block]");
        }
        boolean rawWithoutKeys = args.length > 4 && args[4].equals("raw-without-generated-keys");
        new WriterPathCost(rounds * block)
                .run(
                        library,
                        "jdbc:sqlite:" + raw + (rawWithoutKeys ? "?jdbc.get_generated_keys=false" : ""),
                        rounds,
                        block);
    }

    private void run(Path library, String rawUrl, int rounds, int block) throws Exception {
        StoreMetrics holds = new StoreMetrics() {
            @Override
            public void transactionEnded(TransactionOutcome outcome, long totalNanos, long lockWaitNanos) {
                libraryHolds[libraryHeld++] = totalNanos - lockWaitNanos;
            }
        };
        double[] ratios = new double[rounds - 2];
        long rawCpu = 0;
        long libraryCpu = 0;
        try (Repository repo = new Repository(
                        library,
                        StoreOptions.defaults().toBuilder().metrics(holds).build());
                Connection connection = DriverManager.getConnection(rawUrl);
                Statement pragmas = connection.createStatement()) {
            pragmas.execute("PRAGMA journal_mode=WAL");
            pragmas.execute("PRAGMA synchronous=NORMAL");
            pragmas.execute("PRAGMA foreign_keys=ON");
            pragmas.execute("PRAGMA busy_timeout=5000");
            try (PreparedStatement begin = connection.prepareStatement("BEGIN IMMEDIATE");
                    PreparedStatement put = connection.prepareStatement(PUT);
                    PreparedStatement commit = connection.prepareStatement("COMMIT")) {
                for (int round = 0; round < rounds; round++) {
                    long rawNanos;
                    long libraryNanos;
                    if (round % 2 == 0) { // alternate which side goes first
                        rawNanos = rawBlock(block, begin, put, commit);
                        libraryNanos = libraryBlock(block, repo);
                    } else {
                        libraryNanos = libraryBlock(block, repo);
                        rawNanos = rawBlock(block, begin, put, commit);
                    }
                    if (round >= 2) {
                        ratios[round - 2] = libraryNanos / (double) rawNanos;
                        rawCpu += rawNanos;
                        libraryCpu += libraryNanos;
                    }
                }
            }
        }
        long measured = (long) (rounds - 2) * block;
        Arrays.sort(ratios);
        System.out.printf(
                Locale.ROOT,
                "COST cpu_us_per_tx raw=%.1f library=%.1f library/raw median=%.2f (quartiles %.2f-%.2f) rounds=%d"
                        + " block=%d raw=%s load=%.1f%n",
                rawCpu / 1000.0 / measured,
                libraryCpu / 1000.0 / measured,
                ratios[ratios.length / 2],
                ratios[ratios.length / 4],
                ratios[ratios.length * 3 / 4],
                rounds,
                block,
                rawUrl.contains("generated_keys=false") ? "without-generated-keys" : "driver-defaults",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("HOLD raw " + percentiles(rawHolds, 2 * block, rawHeld) + " | library "
                + percentiles(libraryHolds, 2 * block, libraryHeld));
    }

    private long rawBlock(int block, PreparedStatement begin, PreparedStatement put, PreparedStatement commit)
            throws SQLException, NoSuchAlgorithmException {
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < block; i++) {
            String url = nextUrl();
            begin.execute();
            long begun = System.nanoTime();
            String now = Instant.now().toString();
            put.setString(1, sha256(url));
            put.setString(2, url);
            put.setString(3, MODEL);
            put.setString(4, json);
            put.setString(5, now);
            put.setString(6, now);
            put.setLong(7, bytes);
            put.executeUpdate();
            commit.execute();
            rawHolds[rawHeld++] = System.nanoTime() - begun;
        }
        return threads.getCurrentThreadCpuTime() - cpu;
    }

    private long libraryBlock(int block, Repository repo) {
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < block; i++) {
            String url = nextUrl();
            repo.useTransaction(tx -> tx.llmCache().put(url, json, MODEL));
        }
        return threads.getCurrentThreadCpuTime() - cpu;
    }

    private String nextUrl() {
        return "https://news.example.org/cost/" + next++;
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String percentiles(long[] nanos, int from, int to) {
        long[] sorted = Arrays.copyOfRange(nanos, from, to);
        Arrays.sort(sorted);
        return String.format(
                Locale.ROOT,
                "p50=%.1fus p90=%.1fus p99=%.1fus",
                sorted[sorted.length / 2] / 1000.0,
                sorted[(int) (sorted.length * 0.9)] / 1000.0,
                sorted[(int) (sorted.length * 0.99)] / 1000.0);
    }
}
