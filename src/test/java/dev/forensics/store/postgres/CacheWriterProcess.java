package dev.forensics.store.postgres;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import java.time.Duration;

/**
 * A worker process for {@link PostgresProcessTest}: migrates the database (as every worker does, all at once), then
 * writes {@code batches} transactions of {@code batchSize} cache entries, URL {@code https://w<worker>/b<batch>/<i>},
 * printing {@code committed <batch>} after each commit. Exit 0 when all are written, 1 with the error on stderr.
 * Arguments: JDBC URL, worker id, batches, batch size, pause in ms between batches.
 */
public final class CacheWriterProcess {
    private CacheWriterProcess() {}

    /** Runs the worker; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String worker = args[1];
        int batches = Integer.parseInt(args[2]);
        int batchSize = Integer.parseInt(args[3]);
        long pauseMs = Long.parseLong(args[4]);
        try (PostgresDatabase pg = PostgresDatabase.open(
                url, null, null, StoreOptions.defaults().withBusyTimeout(Duration.ofSeconds(30)), 2)) {
            Repository.migrate(pg);
            try (Repository repo = new Repository(pg)) {
                for (int b = 0; b < batches; b++) {
                    int batch = b;
                    repo.useTransaction(tx -> {
                        for (int i = 0; i < batchSize; i++) {
                            tx.llmCache()
                                    .put(
                                            "https://w" + worker + "/b" + batch + "/" + i,
                                            "{\"worker\":\"" + worker + "\",\"i\":" + i + "}",
                                            "model-x");
                        }
                    });
                    System.out.println("committed " + batch);
                    System.out.flush();
                    if (pauseMs > 0) {
                        Thread.sleep(pauseMs);
                    }
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
