package dev.forensics.store.sqlite;

import dev.forensics.store.Repository;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads without pause on one Repository (autocommit lookups and a count) until the file {@code STOP} exists, as a
 * dashboard or API process beside the writer does. Arguments: {@code DB STOP}. Prints {@code READY}, then
 * {@code DONE reads=N} and exits 0.
 */
public final class WalReaderWorker {
    private WalReaderWorker() {
    }

    /** Runs the worker; see the class comment. */
    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        Path stop = Path.of(args[1]);
        long reads = 0;
        try (Repository repo = new Repository(db)) {
            System.out.println("READY");
            while (!Files.exists(stop)) {
                for (int i = 0; i < 100; i++) {
                    repo.llmCache().get("https://news.example/article/" + ThreadLocalRandom.current().nextInt(200_000));
                    reads++;
                }
                repo.llmCache().stats();
                reads++;
            }
        }
        System.out.println("DONE reads=" + reads);
    }
}
