package dev.forensics.store.llmcache;

import dev.forensics.store.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A worker process for {@link BulkCacheDeleteMemoryTest}: opens the store, runs a prune that deletes nothing (so the
 * classes and statements it needs are loaded), then {@code prune} (every entry cached before the year 2021) or
 * {@code evict} (down to one entry), and prints {@code deleted N growth-kb K}: K is how far the process's peak resident
 * memory ({@code VmHWM}) rose above its resident memory ({@code VmRSS}) just before. Arguments: {@code DB MODE}.
 */
public final class BulkCacheDeleteWorker {
    private BulkCacheDeleteWorker() {}

    /** Runs the delete; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        try (Repository repo = new Repository(Path.of(args[0]))) {
            repo.llmCache().prune(Instant.parse("1999-01-01T00:00:00Z"));
            long before = statusKb("VmRSS:");
            long deleted = args[1].equals("prune")
                    ? repo.llmCache().prune(Instant.parse("2021-01-01T00:00:00Z"))
                    : repo.llmCache().evict(1, 0);
            System.out.println("deleted " + deleted + " growth-kb " + (statusKb("VmHWM:") - before));
        }
    }

    private static long statusKb(String field) throws IOException {
        String line = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith(field))
                .findFirst()
                .orElseThrow();
        return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
    }
}
