package dev.forensics.store.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a JMH JSON result ({@code -rf json}) into the ratio tables of BENCHMARKS.md: each case, our path against its
 * baseline from the same run, one table per {@code database} parameter (a benchmark without one is SQLite). Usage:
 * {@code Report target/bench/results/jmh-sqlite.json [more.json...]}. Cases missing from the files are skipped. The targets of the issue are
 * SQLite's; the process exits with status 1 when one of them is missed, so that {@code bench/run.sh} fails.
 */
public final class Report {
    /** One row of the table: scores are times per operation, so a rate ratio is baseline time / our time. */
    private record Case(String name, String ours, String baseline, String target, double limit, boolean oursOverBaseline) {
    }

    private static final List<Case> CASES = List.of(
            new Case("1 batch ingest, rate of ours / raw", "IngestBenchmark.repositoryUpsertAll", "IngestBenchmark.rawJdbcBatch", ">= 0.85", 0.85, false),
            new Case("1 per-row upsert (for comparison), rate / raw", "IngestBenchmark.repositoryUpsertPerRow", "IngestBenchmark.rawJdbcBatch", "-", 0, false),
            new Case("2a lookup, held Repository / raw held statement (rate)", "LookupBenchmark.repositoryHeld", "LookupBenchmark.rawHeldStatement", ">= 0.8", 0.8, false),
            new Case("2b lookup, speed-up over connection-per-call shim", "LookupBenchmark.repositoryHeld", "LegacyLookupBenchmark.legacyConnectionPerCall", "report", 0, false),
            new Case("3 open+lookup+close, cost of ours / raw", "OpenCloseBenchmark.repositoryOpenLookupClose", "OpenCloseBenchmark.rawOpenLookupClose", "<= 1.5", 1.5, true),
            new Case("4 cache get, mean latency ours / raw", "LlmCacheBenchmark.repositoryGet", "LlmCacheBenchmark.rawGet", "report", 0, true),
            new Case("4 cache put, mean latency ours / raw", "LlmCacheBenchmark.repositoryPut", "LlmCacheBenchmark.rawPut", "report", 0, true),
            new Case("6 autocommit per row / one transaction (time)", "AutocommitBenchmark.autocommitPerRow", "AutocommitBenchmark.oneTransaction", "report", 0, true));

    private static final String SQLITE = "sqlite";

    private Report() {
    }

    /** Prints the tables for the JMH JSON files named by {@code args}; exits with 1 when a SQLite target is missed. */
    public static void main(String[] args) throws IOException {
        List<JsonNode> results = new ArrayList<>();
        for (String file : args) {
            new ObjectMapper().readTree(Path.of(file).toFile()).forEach(results::add);
        }
        Map<String, JsonNode> byKey = new HashMap<>();
        Set<String> databases = new TreeSet<>(Comparator.comparing((String db) -> !SQLITE.equals(db)).thenComparing(db -> db));
        System.out.println("| benchmark | database | mode | score | error | unit | p50 | p99 |");
        System.out.println("| --- | --- | --- | ---: | ---: | --- | ---: | ---: |");
        for (JsonNode result : results) {
            String name = result.get("benchmark").asText().replace("dev.forensics.store.bench.", "");
            JsonNode params = result.get("params");
            String database = params != null && params.has("database") ? params.get("database").asText() : SQLITE;
            databases.add(database);
            JsonNode metric = result.get("primaryMetric");
            byKey.put(name + "@" + database, metric);
            JsonNode pct = metric.get("scorePercentiles");
            System.out.printf("| %s%s | %s | %s | %.3f | %.3f | %s | %.3f | %.3f |%n", name, otherParams(params), database, result.get("mode").asText(),
                    metric.get("score").asDouble(), metric.get("scoreError").asDouble(), metric.get("scoreUnit").asText(),
                    pct.get("50.0").asDouble(), pct.get("99.0").asDouble());
        }
        int missed = 0;
        for (String database : databases) {
            System.out.println();
            System.out.println("| case (" + database + ") | ours | baseline | ratio | target | met? |");
            System.out.println("| --- | ---: | ---: | ---: | --- | --- |");
            for (Case c : CASES) {
                JsonNode ours = byKey.get(c.ours() + "@" + database);
                JsonNode base = byKey.get(c.baseline() + "@" + database);
                if (ours == null || base == null) {
                    continue;
                }
                double o = ours.get("score").asDouble();
                double b = base.get("score").asDouble();
                double ratio = c.oursOverBaseline() ? o / b : b / o;
                boolean targeted = c.limit() != 0 && SQLITE.equals(database);
                boolean met = c.oursOverBaseline() ? ratio <= c.limit() : ratio >= c.limit();
                missed += targeted && !met ? 1 : 0;
                System.out.printf("| %s | %.3f %s | %.3f %s | %.2f | %s | %s |%n", c.name(), o, ours.get("scoreUnit").asText(),
                        b, base.get("scoreUnit").asText(), ratio, targeted ? c.target() : "report", targeted ? (met ? "yes" : "NO") : "-");
            }
        }
        if (missed > 0) {
            System.out.println();
            System.out.println("MISSED " + missed + " target(s): see the rows marked NO");
            System.exit(1);
        }
    }

    /** The parameters other than {@code database}, as {@code " [metrics=none]"}, or nothing. */
    private static String otherParams(JsonNode params) {
        if (params == null) {
            return "";
        }
        List<String> named = new ArrayList<>();
        params.fields().forEachRemaining(param -> {
            if (!"database".equals(param.getKey())) {
                named.add(param.getKey() + "=" + param.getValue().asText());
            }
        });
        return named.isEmpty() ? "" : " [" + String.join(", ", named) + "]";
    }
}
