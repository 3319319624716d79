package dev.forensics.store.postgres;

import dev.forensics.store.Repository;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.testing.TestDatabase;
import dev.forensics.store.testing.TestDatabase.Vendor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A small harness (not a test) that measures the same two workloads on SQLite and on the embedded PostgreSQL through
 * the public API: batch ingest ({@code upsertAll} in transactions of 500) and lookups by URL on a held Repository
 * ({@code existsByUrl}, half hits). Each round uses a fresh database; prints the median of the rounds as one
 * {@code FIGURE} line per vendor and workload. Arguments: articles per round (default 20000), rounds (default 3).
 * Run: {@code mvn -B -q test-compile && java -cp target/test-classes:target/classes:<test classpath> dev.forensics.store.postgres.VendorBenchmark}.
 */
public final class VendorBenchmark {
    private static final int BATCH = 500;
    private static final int LOOKUPS = 20_000;

    private VendorBenchmark() {
    }

    /** Runs every vendor and workload; see the class comment. */
    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String body = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(36);
        for (Vendor vendor : Vendor.values()) {
            double[] ingest = new double[rounds];
            double[] lookups = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                Path dir = Files.createTempDirectory("vendor-bench");
                try (TestDatabase db = vendor.migrated(dir); Repository repo = new Repository(db.database())) {
                    long author = repo.authors().upsert("bench", "Bench");
                    List<NewArticle> batch = new ArrayList<>(BATCH);
                    long start = System.nanoTime();
                    for (int i = 0; i < articles; i++) {
                        batch.add(new NewArticle("https://bench.example/" + i, author, "title " + i, null, body));
                        if (batch.size() == BATCH || i == articles - 1) {
                            List<NewArticle> chunk = List.copyOf(batch);
                            repo.useTransaction(tx -> tx.articles().upsertAll(chunk));
                            batch.clear();
                        }
                    }
                    ingest[round] = articles / ((System.nanoTime() - start) / 1e9);
                    Random random = new Random(round);
                    int hits = 0;
                    start = System.nanoTime();
                    for (int i = 0; i < LOOKUPS; i++) {
                        if (repo.articles().existsByUrl("https://bench.example/" + random.nextInt(articles * 2))) {
                            hits++;
                        }
                    }
                    lookups[round] = LOOKUPS / ((System.nanoTime() - start) / 1e9);
                    if (hits == 0) {
                        throw new IllegalStateException("no lookup hit: the ingest wrote nothing");
                    }
                }
            }
            if (vendor == Vendor.POSTGRESQL) {
                printServerSettings();
            }
            System.out.printf("FIGURE vendor=%s case=batch-ingest rows=%d body-bytes=%d batch=%d rows-per-s=%.0f rounds=%d%n",
                    vendor.name().toLowerCase(), articles, body.length(), BATCH, median(ingest), rounds);
            System.out.printf("FIGURE vendor=%s case=lookup-by-url lookups=%d held-repository=true lookups-per-s=%.0f rounds=%d%n",
                    vendor.name().toLowerCase(), LOOKUPS, median(lookups), rounds);
        }
        System.exit(0);
    }

    /** The settings that decide what a commit costs on the test server, beside the figures. */
    private static void printServerSettings() throws Exception {
        try (TestDatabase db = Vendor.POSTGRESQL.migrated(Files.createTempDirectory("vendor-bench")); Repository repo = new Repository(db.database())) {
            String settings = repo.withHandle(h -> h.createQuery("SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) FROM pg_settings "
                    + "WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers')").mapTo(String.class).one());
            System.out.println("FIGURE vendor=postgresql server " + settings);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
