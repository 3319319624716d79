package dev.forensics.store.sqlite;

import dev.forensics.store.Repository;
import java.nio.file.Path;

/**
 * Writes LLM-cache entries in transactions of a batch size with the default checkpoint policy (a PASSIVE checkpoint
 * every 10,000 rows), then a TRUNCATE checkpoint as an idle writer does. Arguments: {@code DB COUNT BATCH}. Prints
 * {@code DONE written=N truncate-complete=B wal-after=BYTES seconds=S} and exits 0.
 */
public final class WalWriterWorker {
    private WalWriterWorker() {}

    /** Runs the worker; see the class comment. */
    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        String analysis = "{\"verdict\":\"plausible\",\"notes\":\"" + "x".repeat(160) + "\",\"n\":";
        long start = System.nanoTime();
        try (Repository repo = new Repository(db)) {
            for (int from = 0; from < count; from += batch) {
                int first = from;
                int last = Math.min(count, from + batch);
                repo.useTransaction(tx -> {
                    for (int i = first; i < last; i++) {
                        tx.llmCache().put("https://news.example/article/" + i, analysis + i + "}", "model-1");
                    }
                });
            }
            SqliteMaintenance maintenance =
                    repo.database().capability(SqliteMaintenance.class).orElseThrow();
            CheckpointResult truncate = maintenance.checkpoint(CheckpointMode.TRUNCATE);
            System.out.println("DONE written=" + count + " truncate-complete=" + truncate.complete()
                    + " wal-after=" + maintenance.walBytes()
                    + " seconds=" + (System.nanoTime() - start) / 1_000_000_000.0);
        }
    }
}
