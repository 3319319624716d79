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
    /**
     * Point lookups between two full-table counts: a reader that never pauses and mostly answers point lookups. A
     * RESTART or TRUNCATE checkpoint waits for an instant when no reader holds a read mark, and this reader leaves such
     * instants only between statements. With 100 lookups per count (a count scans the whole table, so the reader sat
     * inside one ~95% of the time once lookups ran 3x faster on the direct path of ADR-010) the writer's RESTART and
     * TRUNCATE waited out the busy timeout: RELIABILITY.md records that limit with its figures.
     */
    static final int LOOKUPS_PER_COUNT = 1_000;

    private WalReaderWorker() {}

    /** Runs the worker; see the class comment. */
    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        Path stop = Path.of(args[1]);
        long reads = 0;
        try (Repository repo = new Repository(db)) {
            System.out.println("READY");
            while (!Files.exists(stop)) {
                for (int i = 0; i < LOOKUPS_PER_COUNT; i++) {
                    repo.llmCache()
                            .get("https://news.example/article/"
                                    + ThreadLocalRandom.current().nextInt(200_000));
                    reads++;
                }
                repo.llmCache().stats();
                reads++;
            }
        }
        System.out.println("DONE reads=" + reads);
    }
}
