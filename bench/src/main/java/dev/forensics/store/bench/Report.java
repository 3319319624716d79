package dev.forensics.store.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a JMH JSON result ({@code -rf json}) into the ratio table of BENCHMARKS.md: each case, our path against its
 * baseline from the same run. Usage: {@code Report target/bench/results/jmh.json}. Cases missing from the file are
 * skipped.
 */
public final class Report {
    /** One row of the table: scores are times per operation, so a rate ratio is baseline time / our time. */
    private record Case(String name, String ours, String baseline, String target, double limit, boolean oursOverBaseline) {
    }

    private static final List<Case> CASES = List.of(
            new Case("1 batch ingest, rate of ours / raw", "IngestBenchmark.repositoryUpsertAll", "IngestBenchmark.rawJdbcBatch", ">= 0.85", 0.85, false),
            new Case("1 per-row upsert (for comparison), rate / raw", "IngestBenchmark.repositoryUpsertPerRow", "IngestBenchmark.rawJdbcBatch", "-", 0, false),
            new Case("2a lookup, held Repository / raw held statement (rate)", "LookupBenchmark.repositoryHeld", "LookupBenchmark.rawHeldStatement", ">= 0.8", 0.8, false),
            new Case("2b lookup, speed-up over connection-per-call shim", "LookupBenchmark.repositoryHeld", "LookupBenchmark.legacyConnectionPerCall", "report", 0, false),
            new Case("3 open+lookup+close, cost of ours / raw", "OpenCloseBenchmark.repositoryOpenLookupClose", "OpenCloseBenchmark.rawOpenLookupClose", "<= 1.5", 1.5, true),
            new Case("4 cache get, mean latency ours / raw", "LlmCacheBenchmark.repositoryGet", "LlmCacheBenchmark.rawGet", "report", 0, true),
            new Case("4 cache put, mean latency ours / raw", "LlmCacheBenchmark.repositoryPut", "LlmCacheBenchmark.rawPut", "report", 0, true),
            new Case("6 autocommit per row / one transaction (time)", "AutocommitBenchmark.autocommitPerRow", "AutocommitBenchmark.oneTransaction", "report", 0, true));

    private Report() {
    }

    /** Prints the tables for the JMH JSON file named by {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Map<String, JsonNode> byName = new HashMap<>();
        System.out.println("| benchmark | mode | score | error | unit | p50 | p99 |");
        System.out.println("| --- | --- | ---: | ---: | --- | ---: | ---: |");
        for (JsonNode result : results) {
            String name = result.get("benchmark").asText().replace("dev.forensics.store.bench.", "");
            JsonNode metric = result.get("primaryMetric");
            byName.put(name, metric);
            JsonNode pct = metric.get("scorePercentiles");
            System.out.printf("| %s | %s | %.3f | %.3f | %s | %.3f | %.3f |%n", name, result.get("mode").asText(),
                    metric.get("score").asDouble(), metric.get("scoreError").asDouble(), metric.get("scoreUnit").asText(),
                    pct.get("50.0").asDouble(), pct.get("99.0").asDouble());
        }
        System.out.println();
        System.out.println("| case | ours | baseline | ratio | target | met? |");
        System.out.println("| --- | ---: | ---: | ---: | --- | --- |");
        for (Case c : CASES) {
            JsonNode ours = byName.get(c.ours());
            JsonNode base = byName.get(c.baseline());
            if (ours == null || base == null) {
                continue;
            }
            double o = ours.get("score").asDouble();
            double b = base.get("score").asDouble();
            double ratio = c.oursOverBaseline() ? o / b : b / o;
            String met = c.limit() == 0 ? "-" : (c.oursOverBaseline() ? ratio <= c.limit() : ratio >= c.limit()) ? "yes" : "no";
            System.out.printf("| %s | %.3f %s | %.3f %s | %.2f | %s | %s |%n", c.name(), o, ours.get("scoreUnit").asText(),
                    b, base.get("scoreUnit").asText(), ratio, c.target(), met);
        }
    }
}
