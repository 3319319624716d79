package dev.forensics.store.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a JMH JSON result ({@code -rf json}) into the ratio tables of BENCHMARKS.md: each case, our path against its
 * baseline from the same run, one table per {@code database} parameter (a benchmark without one is SQLite). Usage:
 * {@code Report [--partial] [--writers writers.txt] jmh-sqlite.json [more.json...]}. The targets of the issue are
 * SQLite's. A case names a benchmark alone ({@code LookupBenchmark.repositoryHeld}: the last result of any parameters)
 * or with its parameters other than {@code database} as the table prints them
 * ({@code LlmCacheBoundBenchmark.get [maxEntries=0]}). The process exits with status 1, so that {@code bench/run.sh} fails, when a target is missed, when a case's
 * results are missing (a benchmark that crashed or was left out; SQLite's table must hold every case, and a file that
 * holds no result at all counts as missing), or when {@code --writers} names {@link WriterScaling}'s output and that
 * reports an error or a lost write, or no run at all. {@code --partial} (one benchmark run by hand) lists missing
 * cases as {@code not run} without failing.
 */
public final class Report {
    /** One row of the table: scores are times per operation, so a rate ratio is baseline time / our time. */
    private record Case(
            String name,
            String ours,
            String baseline,
            String target,
            double limit,
            boolean oursOverBaseline,
            boolean sqliteOnly) {
        Case(String name, String ours, String baseline, String target, double limit, boolean oursOverBaseline) {
            this(name, ours, baseline, target, limit, oursOverBaseline, false);
        }
    }

    private static final List<Case> CASES = List.of(
            new Case(
                    "1 batch ingest, rate of ours / raw",
                    "IngestBenchmark.repositoryUpsertAll",
                    "IngestBenchmark.rawJdbcBatch",
                    ">= 0.85",
                    0.85,
                    false),
            new Case(
                    "1 per-row upsert (for comparison), rate / raw",
                    "IngestBenchmark.repositoryUpsertPerRow",
                    "IngestBenchmark.rawJdbcBatch",
                    "-",
                    0,
                    false),
            new Case(
                    "2a lookup, held Repository / raw held statement (rate)",
                    "LookupBenchmark.repositoryHeld",
                    "LookupBenchmark.rawHeldStatement",
                    ">= 0.8",
                    0.8,
                    false),
            new Case(
                    "2b lookup, speed-up over connection-per-call shim",
                    "LookupBenchmark.repositoryHeld",
                    "LegacyLookupBenchmark.legacyConnectionPerCall",
                    "report",
                    0,
                    false,
                    true),
            new Case(
                    "3 open+lookup+close, cost of ours / raw",
                    "OpenCloseBenchmark.repositoryOpenLookupClose",
                    "OpenCloseBenchmark.rawOpenLookupClose",
                    "<= 1.5",
                    1.5,
                    true),
            new Case(
                    "4 cache get, mean latency ours / raw",
                    "LlmCacheBenchmark.repositoryGet",
                    "LlmCacheBenchmark.rawGet",
                    "report",
                    0,
                    true),
            new Case(
                    "4 cache put, mean latency ours / raw",
                    "LlmCacheBenchmark.repositoryPut",
                    "LlmCacheBenchmark.rawPut",
                    "report",
                    0,
                    true),
            new Case(
                    "14 getOrCompute hit / get hit, bound off, mean latency (target: LlmCacheBoundRatio)",
                    "LlmCacheBoundBenchmark.getOrComputeHit [maxEntries=0]",
                    "LlmCacheBoundBenchmark.get [maxEntries=0]",
                    "report",
                    0,
                    true,
                    true),
            new Case(
                    "14 getOrCompute hit / get hit, bound on, mean latency",
                    "LlmCacheBoundBenchmark.getOrComputeHit [maxEntries=10000]",
                    "LlmCacheBoundBenchmark.get [maxEntries=10000]",
                    "report",
                    0,
                    true,
                    true),
            new Case(
                    "14 get hit, bound on (reads recorded) / bound off, mean latency",
                    "LlmCacheBoundBenchmark.get [maxEntries=10000]",
                    "LlmCacheBoundBenchmark.get [maxEntries=0]",
                    "report",
                    0,
                    true,
                    true),
            new Case(
                    "14 put of a new key, rate with the bound on / off (target: LlmCacheBoundRatio)",
                    "LlmCacheBoundBenchmark.putNewKey [maxEntries=10000]",
                    "LlmCacheBoundBenchmark.putNewKey [maxEntries=0]",
                    "report",
                    0,
                    false,
                    true),
            new Case(
                    "6 autocommit per row / one transaction (time)",
                    "AutocommitBenchmark.autocommitPerRow",
                    "AutocommitBenchmark.oneTransaction",
                    "report",
                    0,
                    true));

    private static final String SQLITE = "sqlite";
    /** A line of {@link WriterScaling}: {@code RESULT round=.. writers=.. seconds=.. committed=.. errors=E rows=.. lost=L}. */
    private static final Pattern WRITERS =
            Pattern.compile("RESULT round=(\\d+) writers=(\\d+) .*errors=(\\d+) rows=\\d+ lost=(-?\\d+)");

    private Report() {}

    /** Prints the tables for the files named by {@code args} (see the class comment); exits with 1 on a miss. */
    public static void main(String[] args) throws IOException {
        boolean partial = false;
        Path writers = null;
        List<JsonNode> results = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < args.length; i++) {
            if ("--partial".equals(args[i])) {
                partial = true;
            } else if ("--writers".equals(args[i])) {
                writers = Path.of(args[++i]);
            } else {
                JsonNode file = new ObjectMapper().readTree(Path.of(args[i]).toFile());
                if (file == null || file.isEmpty()) {
                    System.out.println("MISSING every result of " + args[i] + " (did its benchmarks crash?)");
                    missing++;
                } else {
                    file.forEach(results::add);
                }
            }
        }
        Map<String, JsonNode> byKey = new HashMap<>();
        Set<String> databases = new TreeSet<>(
                Comparator.comparing((String db) -> !SQLITE.equals(db)).thenComparing(db -> db));
        databases.add(SQLITE);
        System.out.println("| benchmark | database | mode | score | error | unit | p50 | p99 |");
        System.out.println("| --- | --- | --- | ---: | ---: | --- | ---: | ---: |");
        for (JsonNode result : results) {
            String name = result.get("benchmark").asText().replace("dev.forensics.store.bench.", "");
            JsonNode params = result.get("params");
            String database = params != null && params.has("database")
                    ? params.get("database").asText()
                    : SQLITE;
            databases.add(database);
            JsonNode metric = result.get("primaryMetric");
            byKey.put(name + "@" + database, metric);
            byKey.put(name + otherParams(params) + "@" + database, metric); // a case may name its parameters
            JsonNode pct = metric.get("scorePercentiles");
            System.out.printf(
                    "| %s%s | %s | %s | %.3f | %.3f | %s | %.3f | %.3f |%n",
                    name,
                    otherParams(params),
                    database,
                    result.get("mode").asText(),
                    metric.get("score").asDouble(),
                    metric.get("scoreError").asDouble(),
                    metric.get("scoreUnit").asText(),
                    pct.get("50.0").asDouble(),
                    pct.get("99.0").asDouble());
        }
        int missed = 0;
        for (String database : databases) {
            System.out.println();
            System.out.println("| case (" + database + ") | ours | baseline | ratio | target | met? |");
            System.out.println("| --- | ---: | ---: | ---: | --- | --- |");
            for (Case c : CASES) {
                if (c.sqliteOnly() && !SQLITE.equals(database)) {
                    continue;
                }
                JsonNode ours = byKey.get(c.ours() + "@" + database);
                JsonNode base = byKey.get(c.baseline() + "@" + database);
                if (ours == null || base == null) {
                    missing += partial ? 0 : 1;
                    System.out.printf(
                            "| %s | %s | %s | - | %s | %s |%n",
                            c.name(),
                            ours == null ? "MISSING" : "ok",
                            base == null ? "MISSING" : "ok",
                            c.target(),
                            partial ? "not run" : "NO (missing)");
                    continue;
                }
                double o = ours.get("score").asDouble();
                double b = base.get("score").asDouble();
                double ratio = c.oursOverBaseline() ? o / b : b / o;
                boolean targeted = c.limit() != 0 && SQLITE.equals(database);
                boolean met = c.oursOverBaseline() ? ratio <= c.limit() : ratio >= c.limit();
                missed += targeted && !met ? 1 : 0;
                System.out.printf(
                        "| %s | %.3f %s | %.3f %s | %.2f | %s | %s |%n",
                        c.name(),
                        o,
                        ours.get("scoreUnit").asText(),
                        b,
                        base.get("scoreUnit").asText(),
                        ratio,
                        targeted ? c.target() : "report",
                        targeted ? (met ? "yes" : "NO") : "-");
            }
        }
        if (writers != null) {
            missed += writerScaling(writers);
        }
        if (missed > 0 || missing > 0) {
            System.out.println();
            System.out.println(
                    "MISSED " + missed + " target(s), " + missing + " case(s) without results: see the rows marked NO");
            System.exit(1);
        }
    }

    /**
     * Prints case 5 from {@link WriterScaling}'s output and returns how many of its runs missed the target (0 errors,
     * 0 lost writes); an output without any run counts as one miss.
     */
    private static int writerScaling(Path file) throws IOException {
        System.out.println();
        System.out.println(
                "| case 5 (sqlite), " + file.getFileName() + " | round | writers | errors | lost | target | met? |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | --- | --- |");
        int runs = 0;
        int missed = 0;
        for (String line : Files.readAllLines(file)) {
            Matcher m = WRITERS.matcher(line);
            if (m.find()) {
                runs++;
                boolean met = "0".equals(m.group(3)) && "0".equals(m.group(4));
                missed += met ? 0 : 1;
                System.out.printf(
                        "| concurrent writers | %s | %s | %s | %s | 0 errors, 0 lost | %s |%n",
                        m.group(1), m.group(2), m.group(3), m.group(4), met ? "yes" : "NO");
            }
        }
        if (runs == 0) {
            System.out.println("| concurrent writers | - | - | - | - | 0 errors, 0 lost | NO (no RESULT line) |");
            return 1;
        }
        return missed;
    }

    /** The parameters other than {@code database}, as {@code " [metrics=none]"}, or nothing. */
    private static String otherParams(JsonNode params) {
        if (params == null) {
            return "";
        }
        List<String> named = new ArrayList<>();
        params.properties().forEach(param -> {
            if (!"database".equals(param.getKey())) {
                named.add(param.getKey() + "=" + param.getValue().asText());
            }
        });
        return named.isEmpty() ? "" : " [" + String.join(", ", named) + "]";
    }
}
