package dev.forensics.store.reliability.workers;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A pipeline worker writing LLM-cache entries into a shared file, each put in its own transaction, on one
 * Repository. Arguments: {@code DB GO WORKER COUNT MODE} where MODE is {@code write}, {@code read-then-write} (a read
 * inside the transaction before the write: the upgrade that defeats a busy timeout under deferred transactions),
 * {@code block-per-write} (a new Repository for every write) or {@code write-watching-wal} (as {@code write}, reading
 * the size of the {@code -wal} file after every commit). A COUNT of {@code until-stopped} writes until a file
 * {@code GO.stop} exists (checked between transactions), so that a test can act while the worker is certainly still
 * writing. Prints {@code DONE worker=W written=N errors=E} ({@code write-watching-wal} adds {@code wal-peak=BYTES}, the
 * largest size it read) and exits 0 only when every write succeeded.
 */
public final class CacheWriterWorker {
    /** The model every entry is cached under. */
    public static final String MODEL = "gpt-x/prompt-7";

    private CacheWriterWorker() {}

    /** Runs the worker; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        Path go = Path.of(args[1]);
        int worker = Integer.parseInt(args[2]);
        String mode = args[4];
        Result result;
        if (args[3].equals("until-stopped")) {
            try (Repository repo = new Repository(db)) {
                StartSignal.awaitGo(go);
                result = writeUntil(repo, worker, go.resolveSibling(go.getFileName() + ".stop"));
            }
            System.out.println("DONE worker=" + worker + " written=" + result.written() + " errors=" + result.errors());
            System.exit(result.errors() == 0 ? 0 : 1);
        }
        int count = Integer.parseInt(args[3]);
        if (mode.equals("block-per-write")) {
            StartSignal.awaitGo(go);
            result = writeInNewBlocks(db, worker, count);
        } else if (mode.equals("write-watching-wal")) {
            long walPeak;
            try (Repository repo = new Repository(db)) {
                StartSignal.awaitGo(go);
                WalWatch wal = new WalWatch(db.resolveSibling(db.getFileName() + "-wal"));
                result = writeWatching(repo, worker, count, wal);
                walPeak = wal.peak();
            }
            System.out.println("DONE worker=" + worker + " written=" + result.written() + " errors=" + result.errors()
                    + " wal-peak=" + walPeak);
            System.exit(result.errors() == 0 ? 0 : 1);
            return;
        } else {
            try (Repository repo = new Repository(db)) {
                StartSignal.awaitGo(go);
                result = write(repo, worker, count, mode.equals("read-then-write"));
            }
        }
        System.out.println("DONE worker=" + worker + " written=" + result.written() + " errors=" + result.errors());
        System.exit(result.errors() == 0 ? 0 : 1);
    }

    /** How many writes succeeded and failed. */
    public record Result(int written, int errors) {}

    /** Writes entries {@code 0..count-1} of {@code worker} on {@code repo}, one transaction each; errors are counted and printed. */
    public static Result write(Repository repo, int worker, int count, boolean readFirst) {
        int written = 0;
        for (int i = 0; i < count; i++) {
            written += writeOne(repo, worker, i, readFirst) ? 1 : 0;
        }
        return new Result(written, count - written);
    }

    /** Like {@link #write} without the read, reading the size of the {@code -wal} file after every commit. */
    private static Result writeWatching(Repository repo, int worker, int count, WalWatch wal) {
        int written = 0;
        for (int i = 0; i < count; i++) {
            written += writeOne(repo, worker, i, false) ? 1 : 0;
            wal.read();
        }
        return new Result(written, count - written);
    }

    /** The largest size of one {@code -wal} file read so far (0 while there is none). */
    private static final class WalWatch {
        private final java.io.File file;
        private long peak;

        WalWatch(Path wal) {
            this.file = wal.toFile();
        }

        void read() {
            peak = Math.max(peak, file.length());
        }

        long peak() {
            return peak;
        }
    }

    /** Writes entries {@code 0, 1, ...} of {@code worker} until {@code stop} exists; the first error ends it too. */
    private static Result writeUntil(Repository repo, int worker, Path stop) {
        int written = 0;
        for (int i = 0; !Files.exists(stop); i++) {
            if (!writeOne(repo, worker, i, false)) {
                return new Result(written, 1);
            }
            written++;
        }
        return new Result(written, 0);
    }

    /** Like {@link #write}, each entry in a Repository block of its own (open, write, close), as short-lived tasks do. */
    public static Result writeInNewBlocks(Path db, int worker, int count) {
        int written = 0;
        for (int i = 0; i < count; i++) {
            try (Repository repo = new Repository(db)) {
                written += writeOne(repo, worker, i, false) ? 1 : 0;
            } catch (StoreException e) {
                System.out.println("ERROR opening or closing for entry " + i + ": " + e);
            }
        }
        return new Result(written, count - written);
    }

    private static boolean writeOne(Repository repo, int worker, int i, boolean readFirst) {
        String url = url(worker, i);
        String json = json(worker, i);
        try {
            repo.useTransaction(tx -> {
                if (readFirst) {
                    Optional<?> previous = tx.llmCache().get(url);
                    if (previous.isPresent()) {
                        throw new IllegalStateException(url + " was cached before it was written");
                    }
                }
                tx.llmCache().put(url, json, MODEL);
            });
            return true;
        } catch (StoreException | IllegalStateException e) {
            System.out.println("ERROR " + url + " " + e);
            return false;
        }
    }

    /** The URL of entry {@code i} of {@code worker}. */
    public static String url(int worker, int i) {
        return "https://news.example/w" + worker + "/article-" + i;
    }

    /** The analysis JSON of entry {@code i} of {@code worker}, distinct per entry so a mix-up shows. */
    public static String json(int worker, int i) {
        return "{\"worker\":" + worker + ",\"i\":" + i + ",\"sentiment\":\"neutral\",\"summary\":\"entry " + i
                + " of worker " + worker + "\"}";
    }
}
