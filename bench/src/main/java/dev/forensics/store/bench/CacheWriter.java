package dev.forensics.store.bench;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import java.nio.file.Path;

/**
 * One writer process of {@link WriterScaling}: {@code CacheWriter <db> <startAtEpochMillis> <seconds> <id>} opens one
 * Repository, waits for the common start time, then puts LLM cache entries (each in its own
 * {@code repo.transaction}) until the time is up, and prints one line
 * {@code WRITER id=.. committed=.. errors=.. firstError=..}. Errors are counted, not fatal.
 */
public final class CacheWriter {
    private CacheWriter() {}

    /** Runs one writer; see the class comment for the arguments. */
    public static void main(String[] args) throws InterruptedException {
        Path db = Path.of(args[0]);
        long startAt = Long.parseLong(args[1]);
        long endAt = startAt + Long.parseLong(args[2]) * 1000;
        String id = args[3];
        String json = "{\"verdict\":\"credible\",\"notes\":\"" + Fixtures.body(7, 900) + "\"}";
        long committed = 0;
        long errors = 0;
        String firstError = "-";
        try (var repo = new Repository(db)) {
            repo.llmCache().stats();
            long wait = startAt - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            while (System.currentTimeMillis() < endAt) {
                String url = "https://news.example.org/w" + id + "/" + committed + "-" + errors;
                try {
                    repo.useTransaction(tx -> tx.llmCache().put(url, json, "gpt-bench-1"));
                    committed++;
                } catch (StoreException e) {
                    errors++;
                    if (errors == 1) {
                        firstError = e.getClass().getSimpleName() + ": "
                                + e.getMessage().replace('\n', ' ');
                    }
                }
            }
        }
        System.out.println(
                "WRITER id=" + id + " committed=" + committed + " errors=" + errors + " firstError=" + firstError);
    }
}
