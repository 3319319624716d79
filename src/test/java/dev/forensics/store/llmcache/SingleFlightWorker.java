package dev.forensics.store.llmcache;

import dev.forensics.store.Database;
import dev.forensics.store.Repository;
import dev.forensics.store.StoreOptions;
import dev.forensics.store.metrics.StoreMetrics;
import dev.forensics.store.postgres.PostgresDatabase;
import dev.forensics.store.reliability.workers.StartSignal;
import dev.forensics.store.sqlite.SqliteDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A worker process for {@link SingleFlightProcessTest}. Arguments: {@code TARGET GO LOG WORKER COUNT LEASE_MS MODE}:
 * TARGET a SQLite file or a JDBC URL; it waits for the GO file; every computation appends one line
 * {@code <url> <worker>} to the shared LOG file. Modes: {@code all} asks for URLs 0..COUNT-1 in an order shuffled by
 * the worker id, printing {@code R <url> <json>} for each; {@code hang} claims {@link #HUNG_URL}, prints
 * {@code COMPUTING} and never returns (the test kills it); {@code one} asks for {@link #HUNG_URL} and prints
 * {@code RESULT <json>}. Every mode prints {@code WAITING} when it first waits for another caller's lease,
 * {@code TAKEOVER} when it takes one over, and ends with {@code DONE}.
 */
public final class SingleFlightWorker {
    /** The model every entry is computed for. */
    public static final String MODEL = "gpt-x/prompt-9";
    /** The URL the killed leader was computing. */
    public static final String HUNG_URL = "https://killed.example/story";

    private SingleFlightWorker() {}

    /** Runs the worker; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        String target = args[0];
        Path go = Path.of(args[1]);
        Path log = Path.of(args[2]);
        String worker = args[3];
        int count = Integer.parseInt(args[4]);
        Duration lease = Duration.ofMillis(Long.parseLong(args[5]));
        String mode = args[6];
        StoreOptions options =
                StoreOptions.defaults().withBusyTimeout(Duration.ofSeconds(30)).withMetrics(new Announcing());
        Database database = target.startsWith("jdbc:")
                ? PostgresDatabase.open(target, null, null, options, 2)
                : new SqliteDatabase(Path.of(target), options);
        try (Repository repo = new Repository(database)) {
            StartSignal.awaitGo(go);
            switch (mode) {
                case "all" -> {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, new Random(worker.hashCode()));
                    for (int i : order) {
                        String url = url(i);
                        CachedAnalysis a =
                                repo.llmCache().getOrCompute(url, MODEL, lease, () -> compute(log, url, worker));
                        System.out.println("R " + url + " " + a.analysisJson());
                    }
                }
                case "hang" ->
                    repo.llmCache().getOrCompute(HUNG_URL, MODEL, lease, () -> {
                        append(log, HUNG_URL + " " + worker);
                        System.out.println("COMPUTING");
                        System.out.flush();
                        Thread.sleep(Long.MAX_VALUE);
                        return "{}";
                    });
                case "one" ->
                    System.out.println("RESULT "
                            + repo.llmCache()
                                    .getOrCompute(HUNG_URL, MODEL, lease, () -> compute(log, HUNG_URL, worker))
                                    .analysisJson());
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        } finally {
            if (database instanceof PostgresDatabase pg) {
                pg.close();
            }
        }
        System.out.println("DONE");
    }

    /** The URL of entry {@code i}. */
    public static String url(int i) {
        return "https://news.example/single-flight/" + i;
    }

    /** The analysis computed for {@code url} by {@code worker}. */
    public static String json(String url, String worker) {
        return "{\"url\":\"" + url + "\",\"by\":\"" + worker + "\"}";
    }

    private static String compute(Path log, String url, String worker) throws IOException, InterruptedException {
        append(log, url + " " + worker);
        Thread.sleep(2); // an LLM call takes time: long enough for the others to find the lease held
        return json(url, worker);
    }

    private static void append(Path log, String line) throws IOException {
        // O_APPEND: each short write lands whole at the end, whatever the other processes do.
        Files.writeString(
                log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Prints the single-flight events the test orders by. */
    private static final class Announcing implements StoreMetrics {
        @Override
        public void cacheLeaseWaited() {
            System.out.println("WAITING");
            System.out.flush();
        }

        @Override
        public void cacheTakenOver() {
            System.out.println("TAKEOVER");
            System.out.flush();
        }
    }
}
