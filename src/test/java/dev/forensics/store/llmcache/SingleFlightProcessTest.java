package dev.forensics.store.llmcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.reliability.workers.StartSignal;
import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.TestDatabase.Vendor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** getOrCompute across real OS processes (SingleFlightWorker through ChildJvm), on SQLite and PostgreSQL. */
class SingleFlightProcessTest {
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final int URLS = 300;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void fourProcessesAskingForTheSameUrlsInDifferentOrdersComputeEachOnceAndAllGetEveryResult(Vendor vendor)
            throws IOException {
        Path go = dir.resolve("go");
        Path log = dir.resolve("computations.log");
        try (var db = vendor.migrated(dir)) {
            List<ChildJvm> workers = new ArrayList<>();
            try {
                for (int w = 0; w < 4; w++) {
                    workers.add(ChildJvm.start(
                            dir,
                            SingleFlightWorker.class,
                            db.url(),
                            go.toString(),
                            log.toString(),
                            "w" + w,
                            String.valueOf(URLS),
                            "60000",
                            "all"));
                }
                for (ChildJvm worker : workers) {
                    worker.awaitLine("READY", PATIENCE);
                }
                StartSignal.go(go);
                Map<String, String> stored = new HashMap<>();
                try (var repo = new Repository(db.database())) {
                    for (ChildJvm worker : workers) {
                        ChildJvm.Result result = worker.await(PATIENCE);
                        assertThat(result.exitCode())
                                .as("worker exit; stderr: %s", result.err())
                                .isZero();
                        Map<String, String> got = result.outLines().stream()
                                .filter(line -> line.startsWith("R "))
                                .map(line -> line.split(" ", 3))
                                .collect(Collectors.toMap(parts -> parts[1], parts -> parts[2]));
                        assertThat(got).as("results of one process").hasSize(URLS);
                        for (int i = 0; i < URLS; i++) {
                            String url = SingleFlightWorker.url(i);
                            String json = stored.computeIfAbsent(
                                    url,
                                    u -> repo.llmCache()
                                            .get(u, SingleFlightWorker.MODEL)
                                            .orElseThrow()
                                            .analysisJson());
                            assertThat(got.get(url))
                                    .as("%s as one process got it", url)
                                    .isEqualTo(json);
                        }
                    }
                }
                List<String> computations = Files.readAllLines(log, StandardCharsets.UTF_8);
                System.out.printf(
                        "FIGURE single-flight-computations vendor=%s lines=%d urls=%d%n",
                        vendor, computations.size(), URLS);
                assertThat(computations).as("one computation per URL").hasSize(URLS);
                assertThat(computations.stream()
                                .map(line -> line.split(" ")[0])
                                .distinct()
                                .count())
                        .isEqualTo(URLS);
            } finally {
                workers.forEach(ChildJvm::close);
            }
        }
    }

    /**
     * The leader claims a 2 s lease and hangs in its computation; the taker starts asking, the leader is killed with
     * SIGKILL. The taker must take over (after the lease expired: a valid lease is never taken over) and store the one
     * result. Whether the taker reached the held lease before it expired depends on the machine's speed, so the test
     * asserts only the order of what it saw.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aKilledLeadersLeaseIsTakenOverAfterItExpiresAndOneResultIsStored(Vendor vendor) throws IOException {
        Path leaderGo = dir.resolve("go-leader");
        Path takerGo = dir.resolve("go-taker");
        Path log = dir.resolve("computations.log");
        try (var db = vendor.migrated(dir);
                ChildJvm leader = ChildJvm.start(
                        dir,
                        SingleFlightWorker.class,
                        db.url(),
                        leaderGo.toString(),
                        log.toString(),
                        "leader",
                        "1",
                        "2000",
                        "hang");
                ChildJvm taker = ChildJvm.start(
                        dir,
                        SingleFlightWorker.class,
                        db.url(),
                        takerGo.toString(),
                        log.toString(),
                        "taker",
                        "1",
                        "2000",
                        "one")) {
            leader.awaitLine("READY", PATIENCE);
            taker.awaitLine("READY", PATIENCE);
            StartSignal.go(leaderGo);
            leader.awaitLine("COMPUTING", PATIENCE);
            StartSignal.go(takerGo);
            leader.kill();

            ChildJvm.Result result = taker.await(PATIENCE);

            assertThat(result.exitCode())
                    .as("taker exit; stderr: %s", result.err())
                    .isZero();
            List<String> events = result.outLines().stream()
                    .filter(line -> !line.equals("READY"))
                    .toList();
            System.out.printf(
                    "FIGURE single-flight-takeover vendor=%s taker-waited-on-the-live-lease=%s%n",
                    vendor, events.contains("WAITING"));
            assertThat(events)
                    .containsSubsequence(
                            "TAKEOVER",
                            "RESULT " + SingleFlightWorker.json(SingleFlightWorker.HUNG_URL, "taker"),
                            "DONE");
            assertThat(events.indexOf("TAKEOVER"))
                    .as("a wait, if any, came before the takeover")
                    .isGreaterThan(events.indexOf("WAITING"));
            try (var repo = new Repository(db.database())) {
                assertThat(repo.llmCache().get(SingleFlightWorker.HUNG_URL, SingleFlightWorker.MODEL))
                        .get()
                        .extracting(CachedAnalysis::analysisJson)
                        .isEqualTo(SingleFlightWorker.json(SingleFlightWorker.HUNG_URL, "taker"));
                long leases = repo.withHandle(h -> h.createQuery("SELECT count(*) FROM llm_cache_lease")
                        .mapTo(Long.class)
                        .one());
                assertThat(leases).as("no lease left").isZero();
            }
            assertThat(Files.readAllLines(log, StandardCharsets.UTF_8))
                    .containsExactly(SingleFlightWorker.HUNG_URL + " leader", SingleFlightWorker.HUNG_URL + " taker");
        }
    }
}
