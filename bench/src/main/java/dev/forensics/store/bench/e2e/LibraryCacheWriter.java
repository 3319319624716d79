package dev.forensics.store.bench.e2e;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import java.nio.file.Path;

/**
 * The library side of the writer cases: one Repository held, one {@code useTransaction(tx -> tx.llmCache().put(...))}
 * per entry, for the same time as {@link RawCacheWriter}; the lock wait is the time until the lambda starts (that is,
 * {@code BEGIN IMMEDIATE} and what the library does before it). Usage as RawCacheWriter.
 */
public final class LibraryCacheWriter {
    private LibraryCacheWriter() {}

    /** Runs one writer; see the class comment for the arguments. */
    public static void main(String[] args) throws InterruptedException {
        String id = args[3];
        long seconds = Long.parseLong(args[2]);
        String json = WriterLine.analysisJson();
        WriterLine result = new WriterLine(id);
        try (var repo = new Repository(Path.of(args[0]))) {
            long startAt = WriterLine.readyThenWaitForStart();
            long endAt = startAt + seconds * 1000;
            result.loopStarted();
            long[] begun = new long[1];
            while (System.currentTimeMillis() < endAt) {
                String url = result.nextUrl();
                long t0 = System.nanoTime();
                try {
                    repo.useTransaction(tx -> {
                        begun[0] = System.nanoTime();
                        tx.llmCache().put(url, json, "gpt-bench-1");
                    });
                    result.committed(begun[0] - t0);
                } catch (StoreException e) {
                    result.failed(e);
                }
            }
            result.loopEnded();
        }
        System.out.println(result);
    }
}
