package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forensics.store.Repository;
import dev.forensics.store.reliability.workers.LeakWorker;
import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.TestFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon must run forever: file descriptors and retained heap end where they started after many Repository
 * blocks, and a Repository dropped without {@code close()} is reported with where it was opened and its
 * connection closed.
 */
class ResourceLeakTest {
    /**
     * Live heap may move this much over a run of cache operations (measured: see RELIABILITY.md): over the 10,000 blocks
     * of the 100,000 operations, 1 MiB / 10,000 = 104.9 bytes, so a leak of 105 bytes or more per block exceeds it
     * (over the soak's 100,000 blocks, 11 bytes).
     */
    private static final long HEAP_TOLERANCE_BYTES = 1024L * 1024;
    /**
     * Live heap may move this much over a second round of 1,000 new paths, measured after a first round of 1,000: 64 KiB
     * / 1,000 = 65 bytes per path, less than one retained {@code Path} of these names (a {@code UnixPath}, its byte[]
     * and its String: about 150 bytes) or one map entry holding one. Measured growth: 3-5 bytes per path.
     */
    private static final long HEAP_TOLERANCE_PER_ROUND_BYTES = 64L * 1024;

    private static final int PATHS_PER_ROUND = 1_000;

    @TempDir
    Path dir;

    @Test
    void aHundredThousandCacheOperationsInBlocksOfTenEndWithTheDescriptorsAndHeapTheyStartedWith() {
        runCacheOperations(100_000, "leak-cache-ops");
    }

    @Test
    @Tag("soak")
    void aMillionCacheOperationsInBlocksOfTenEndWithTheDescriptorsAndHeapTheyStartedWith() {
        runCacheOperations(1_000_000, "soak-cache-ops");
    }

    @Test
    void aThousandRepositoriesOnAThousandFilesReturnTheDescriptorCountToItsStartAndRetainNothingPerPath()
            throws IOException {
        Path template = TestFiles.migrated(dir, "template.db");
        // The first round loads and settles whatever a first use costs once (classes, JIT, caches of fixed size); the
        // second, on new paths, is measured. Paths are made inside the rounds and dropped, so the test holds none.
        openWriteAndCloseNewCopies(template, "first-");
        int openBefore = Repository.openCount();
        long fdBefore = TestFiles.openFileDescriptorsUnder(dir);
        long heapBefore = liveHeap();

        openWriteAndCloseNewCopies(template, "second-");

        long fdAfter = TestFiles.openFileDescriptorsUnder(dir);
        long heapAfter = liveHeap();
        System.out.println("FIGURE thousand-files files=" + PATHS_PER_ROUND + " after-a-first-round-of="
                + PATHS_PER_ROUND + " dir-fd-before=" + fdBefore + " dir-fd-after=" + fdAfter + " live-heap-before-kb="
                + heapBefore / 1024 + " live-heap-after-kb=" + heapAfter / 1024 + " live-heap-growth-bytes-per-path="
                + (heapAfter - heapBefore) / PATHS_PER_ROUND);
        assertThat(fdAfter)
                .as("descriptors on the test directory's files once every block is closed")
                .isEqualTo(fdBefore)
                .isZero();
        assertThat(Repository.openCount()).isEqualTo(openBefore);
        assertThat(heapAfter - heapBefore)
                .as("live heap growth over %s new paths, in bytes", PATHS_PER_ROUND)
                .isLessThan(HEAP_TOLERANCE_PER_ROUND_BYTES);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith("-wal")))
                    .as("a closed file keeps no -wal behind")
                    .isEmpty();
        }
    }

    @Test
    void aThousandBlocksWhoseTransactionThrowsLeaveTheDescriptorCountFlat() {
        Path db = TestFiles.migrated(dir);
        openWriteAndClose(db, 0);
        long fdBefore = TestFiles.openFileDescriptorsOn(db);
        int openBefore = Repository.openCount();

        for (int i = 0; i < 1_000; i++) {
            int block = i;
            assertThatThrownBy(() -> {
                        try (Repository repo = new Repository(db)) {
                            repo.useTransaction(tx -> {
                                tx.llmCache().put("https://throw.example/" + block, "{}");
                                throw new IllegalStateException("block " + block + " fails inside its transaction");
                            });
                        }
                    })
                    .isInstanceOf(IllegalStateException.class);
        }

        long fdAfter = TestFiles.openFileDescriptorsOn(db);
        System.out.println(
                "FIGURE throwing-transactions cycles=1000 db-fd-before=" + fdBefore + " db-fd-after=" + fdAfter);
        assertThat(fdAfter)
                .as("descriptors on the database file and its companions")
                .isEqualTo(fdBefore)
                .isZero();
        assertThat(Repository.openCount()).isEqualTo(openBefore);
        assertThat(DatabaseProbe.count(db, "llm_cache"))
                .as("every throwing transaction rolled back")
                .isEqualTo(1);
    }

    @Test
    void aRepositoryDroppedWithoutCloseIsLoggedWithWhereItWasOpenedAndItsConnectionClosed() {
        Path db = TestFiles.migrated(dir);

        ChildJvm.Result result = ChildJvm.run(dir, Duration.ofMinutes(10), LeakWorker.class, db.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        String figure = result.outLines().stream()
                .filter(l -> l.startsWith("FIGURE "))
                .findFirst()
                .orElseThrow();
        System.out.println(figure);
        Map<String, String> values = keyValues(figure);
        assertThat(values.get("open-while-leaked"))
                .isEqualTo(String.valueOf(Integer.parseInt(values.get("open-before")) + 1));
        assertThat(values.get("open-after-gc")).isEqualTo(values.get("open-before"));
        assertThat(Long.parseLong(values.get("leaked-after-gc")))
                .isEqualTo(Long.parseLong(values.get("leaked-before")) + 1);
        assertThat(Long.parseLong(values.get("db-fd-while-leaked")))
                .isGreaterThan(Long.parseLong(values.get("db-fd-before")));
        assertThat(values.get("db-fd-after-gc"))
                .as("the leaked connection's descriptors on the file were closed")
                .isEqualTo(values.get("db-fd-before"));
        assertThat(values.get("wal-after-gc"))
                .as("the last connection closed cleanly, removing the -wal")
                .isEqualTo("false");
        assertThat(result.err())
                .contains("Leaked Repository on " + db)
                .contains("opened here")
                .contains("at " + LeakWorker.class.getName() + ".openAndForgetToClose(LeakWorker.java");
    }

    /**
     * Runs the operations while another Repository (another worker of the daemon) keeps the file open, as in
     * production; the close of a file's last connection is covered by the thousand-files test.
     */
    private void runCacheOperations(int operations, String figureName) {
        Path db = TestFiles.migrated(dir);
        long fdBefore;
        long fdAfter;
        long heapBefore;
        long heapAfter;
        long millis;
        int openBefore;
        int openAfter;
        try (Repository otherWorker = new Repository(db)) {
            otherWorker.llmCache().stats();
            cacheOperations(db, 10_000); // warm-up: classes loaded, JIT settled
            openBefore = Repository.openCount();
            fdBefore = TestFiles.openFileDescriptorsOn(db);
            heapBefore = liveHeap();
            long started = System.nanoTime();

            cacheOperations(db, operations);

            millis = (System.nanoTime() - started) / 1_000_000;
            fdAfter = TestFiles.openFileDescriptorsOn(db);
            heapAfter = liveHeap();
            openAfter = Repository.openCount();
        }
        System.out.println("FIGURE " + figureName + " operations=" + operations + " blocks=" + operations / 10
                + " db-fd-before=" + fdBefore + " db-fd-after=" + fdAfter + " live-heap-before-kb=" + heapBefore / 1024
                + " live-heap-after-kb=" + heapAfter / 1024 + " millis=" + millis);
        assertThat(fdAfter)
                .as("descriptors on the database file: the other worker's only")
                .isEqualTo(fdBefore)
                .isPositive();
        assertThat(openAfter).isEqualTo(openBefore);
        assertThat(heapAfter - heapBefore)
                .as("live heap growth over %s blocks, in bytes", operations / 10)
                .isLessThan(HEAP_TOLERANCE_BYTES);
    }

    /** {@code operations} cache gets and puts alternating over 1,000 keys, a new Repository block every 10. */
    private static void cacheOperations(Path db, int operations) {
        for (int done = 0; done < operations; ) {
            try (Repository repo = new Repository(db)) {
                for (int i = 0; i < 10 && done < operations; i++, done++) {
                    if (done % 2 == 0) {
                        repo.llmCache().put("https://ops.example/" + done % 1_000, "{\"op\":" + done + "}", "model-a");
                    } else {
                        String lastPut = "https://ops.example/" + (done - 1) % 1_000;
                        assertThat(repo.llmCache().get(lastPut, "model-a")).isPresent();
                    }
                }
            }
        }
    }

    private static void openWriteAndClose(Path db, int i) {
        try (Repository repo = new Repository(db)) {
            repo.llmCache().put("https://fixture.example/" + i, "{}");
            assertThat(repo.llmCache().get("https://fixture.example/" + i)).isPresent();
        }
    }

    /** Copies the template to {@value #PATHS_PER_ROUND} new files and opens, writes and closes a Repository on each. */
    private void openWriteAndCloseNewCopies(Path template, String prefix) throws IOException {
        for (int i = 0; i < PATHS_PER_ROUND; i++) {
            openWriteAndClose(Files.copy(template, dir.resolve(prefix + i + ".db")), i);
        }
    }

    /**
     * Bytes of the objects alive on the heap: the total of a class histogram of live objects (the JVM's
     * {@code GC.class_histogram} diagnostic command, which runs a full collection first), the lowest of three readings.
     * Unlike the heap's "used" figure it counts no garbage and no region left half full. Only the total is read: a
     * parsed histogram kept across two readings would itself be counted (about 370 KB of map entries, one per class).
     */
    private static long liveHeap() {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            lowest = Math.min(lowest, liveObjectBytes());
        }
        return lowest;
    }

    private static long liveObjectBytes() {
        try {
            String histogram = (String) ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "gcClassHistogram",
                            new Object[] {new String[0]},
                            new String[] {String[].class.getName()});
            String total = histogram
                    .lines()
                    .filter(line -> line.startsWith("Total"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no Total line in the class histogram"));
            String[] columns = total.trim().split("\\s+");
            return Long.parseLong(columns[columns.length - 1]);
        } catch (JMException e) {
            throw new AssertionError("cannot take a class histogram of this JVM", e);
        }
    }

    private static Map<String, String> keyValues(String line) {
        Matcher m = Pattern.compile("([a-z-]+)=(\\S+)").matcher(line);
        return m.results().collect(Collectors.toMap(r -> r.group(1), r -> r.group(2)));
    }
}
