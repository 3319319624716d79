package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.reliability.workers.ArticleIngestWorker;
import dev.forensics.store.reliability.workers.MigrateWorker;
import dev.forensics.store.reliability.workers.StartSignal;
import dev.forensics.store.schema.MigrationReport;
import dev.forensics.store.schema.SchemaVersion;
import dev.forensics.store.testing.ChildJvm;
import dev.forensics.store.testing.DatabaseProbe;
import dev.forensics.store.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest process killed with SIGKILL ({@link Process#destroyForcibly()}) at random moments: the file always
 * passes {@code PRAGMA integrity_check}, holds whole transactions only, keeps what was committed before, and a
 * re-run finishes the job exactly. The random seed is printed; {@code -Dcrash.seed=N} repeats a run's choice of kill moments.
 */
class CrashTest {
    private static final int TOTAL = 20_000;
    private static final int BATCH = 500;
    private static final int KILLS = 10;
    private static final int BODY_CHARS = 100;
    private static final int SEED_ARTICLES = 100;

    @TempDir
    Path dir;

    private Path template;
    private Random random;
    private long seed;

    @BeforeEach
    void migrateAFileWithEarlierData() {
        template = TestFiles.migrated(dir, "template.db");
        try (Repository repo = new Repository(template)) {
            repo.useTransaction(tx -> {
                long author = tx.authors().upsert("earlier", "Earlier Author");
                for (int i = 0; i < SEED_ARTICLES; i++) {
                    tx.articles()
                            .upsert(new NewArticle(
                                    earlierUrl(i), author, "earlier " + i, null, "committed before the crash " + i));
                }
            });
        }
        seed = Long.getLong("crash.seed", System.nanoTime());
        random = new Random(seed);
    }

    @Test
    void aKillAtRandomMomentsOfAOneTransactionIngestLeavesNoneOrAllOfTheBatch() throws IOException {
        long transactionMillis = timeOneFullIngest();
        int none = 0;
        int all = 0;
        List<Long> delays = new ArrayList<>();
        for (int k = 0; k < KILLS; k++) {
            Path db = Files.copy(template, dir.resolve("kill-" + k + ".db"));
            // One moment in each tenth of the transaction's measured duration, plus a little past its end.
            long delay = (long) ((k + random.nextDouble()) * transactionMillis * 1.1 / KILLS);
            delays.add(delay);
            try (ChildJvm ingest = startIngest(db, TOTAL)) {
                ingest.awaitLine("BEGIN 1", Duration.ofMinutes(1));
                sleep(delay);
                ingest.kill();
            }

            assertThat(DatabaseProbe.integrityCheck(db))
                    .as("integrity after kill %s at %s ms", k, delay)
                    .isEqualTo("ok");
            long ingested = DatabaseProbe.count(db, "articles") - SEED_ARTICLES;
            assertThat(ingested)
                    .as("articles of the killed transaction (kill %s at %s ms)", k, delay)
                    .isIn(0L, (long) TOTAL);
            if (ingested == 0) {
                none++;
            } else {
                all++;
                assertSampleBodiesIntact(db);
            }
            assertEarlierDataIntact(db);
        }

        System.out.println("FIGURE crash-one-transaction kills=" + KILLS + " articles=" + TOTAL + " transaction-ms="
                + transactionMillis + " none=" + none + " all=" + all + " partial=0 delays-ms=" + delays + " seed="
                + seed);
        assertThat(none).as("at least one kill landed inside the transaction").isPositive();
    }

    @Test
    void killsDuringABatchedIngestLeaveWholeBatchesAndRerunningFinishesExactly() {
        Path db = template;
        List<Long> afterKills = new ArrayList<>();
        long previous = 0;
        for (int k = 0; k < KILLS; k++) {
            try (ChildJvm ingest = startIngest(db, BATCH)) {
                // Kill after this run's first commit, a random 0-30 ms later: mid-batch or between batches,
                // and never so late that 10 runs could finish all 40 batches.
                ingest.awaitLine("COMMITTED 1", Duration.ofMinutes(1));
                sleep(random.nextInt(31));
                ingest.kill();
            }
            assertThat(DatabaseProbe.integrityCheck(db))
                    .as("integrity after kill %s", k)
                    .isEqualTo("ok");
            long ingested = DatabaseProbe.count(db, "articles") - SEED_ARTICLES;
            assertThat(ingested % BATCH)
                    .as("only whole batches after kill %s (%s articles)", k, ingested)
                    .isZero();
            assertThat(ingested)
                    .as("each run committed a batch and a kill undoes none")
                    .isGreaterThan(previous)
                    .isLessThan(TOTAL);
            assertEarlierDataIntact(db);
            afterKills.add(ingested);
            previous = ingested;
        }

        ChildJvm.Result rerun;
        try (ChildJvm ingest = startIngest(db, BATCH)) {
            rerun = ingest.await(Duration.ofMinutes(2));
        }

        System.out.println("FIGURE crash-batched kills=" + KILLS + " batch=" + BATCH + " articles=" + TOTAL
                + " ingested-after-each-kill=" + afterKills + " rerun-inserted=" + (TOTAL - previous) + " seed="
                + seed);
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("DONE inserted=" + (TOTAL - previous) + " skipped=" + previous);
        assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(TOTAL + SEED_ARTICLES);
        try (Repository repo = new Repository(db)) {
            List<String> urls =
                    IntStream.range(0, TOTAL).mapToObj(ArticleIngestWorker::url).toList();
            assertThat(repo.articles().findStoredUrls(urls)).hasSize(TOTAL);
        }
        assertSampleBodiesIntact(db);
        assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
    }

    @Test
    void aKillAtRandomMomentsOfAMigrationLeavesAFileThatTheNextMigrateCompletes() {
        long migrateMillis = timeOneMigration();
        List<Long> delays = new ArrayList<>();
        List<Long> versionsAfterKill = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            Path db = dir.resolve("migrate-kill-" + k + ".db");
            Path go = dir.resolve("go-" + k);
            // One moment in each fifth of the time from the file's creation to the end of the migration.
            long delay = (long) ((k + random.nextDouble()) * migrateMillis / 5);
            delays.add(delay);
            try (ChildJvm migrate = ChildJvm.start(dir, MigrateWorker.class, go.toString(), db.toString())) {
                migrate.awaitLine("READY", Duration.ofMinutes(1));
                StartSignal.go(go);
                awaitFile(db, migrate);
                sleep(delay);
                migrate.kill();
            }
            versionsAfterKill.add(appliedVersions(db));

            MigrationReport report = Repository.migrate(db);

            assertThat(report.toVersion()).isEqualTo(String.valueOf(SchemaVersion.LATEST));
            assertThat(DatabaseProbe.strings(
                            db, "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank"))
                    .containsExactly(IntStream.rangeClosed(1, SchemaVersion.LATEST)
                            .mapToObj(String::valueOf)
                            .toArray(String[]::new));
            assertThat(DatabaseProbe.count(db, "flyway_schema_history")).isEqualTo(SchemaVersion.LATEST);
            assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
            try (Repository repo = new Repository(db)) {
                repo.llmCache().put("https://after.example/1", "{}");
            }
        }
        System.out.println("FIGURE crash-migrate kills=5 migrate-ms=" + migrateMillis + " delays-ms=" + delays
                + " history-rows-after-kill=" + versionsAfterKill + " seed=" + seed);
    }

    /** Runs the one-transaction ingest to its end on a copy and returns how long the transaction took, in ms. */
    private long timeOneFullIngest() throws IOException {
        Path db = Files.copy(template, dir.resolve("calibration.db"));
        try (ChildJvm ingest = startIngest(db, TOTAL)) {
            ingest.awaitLine("BEGIN 1", Duration.ofMinutes(1));
            long started = System.nanoTime();
            ingest.awaitLine("COMMITTED 1", Duration.ofMinutes(1));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(ingest.await(Duration.ofMinutes(1)).exitCode()).isZero();
            assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(TOTAL + SEED_ARTICLES);
            return Math.max(millis, 10);
        }
    }

    /** Runs one migration of a new file in a child to its end; returns the ms from the file's creation to the end. */
    private long timeOneMigration() {
        Path go = dir.resolve("go-calibration");
        Path db = dir.resolve("migrate-calibration.db");
        try (ChildJvm migrate = ChildJvm.start(dir, MigrateWorker.class, go.toString(), db.toString())) {
            migrate.awaitLine("READY", Duration.ofMinutes(1));
            StartSignal.go(go);
            awaitFile(db, migrate);
            long created = System.nanoTime();
            migrate.awaitLine("MIGRATED", Duration.ofMinutes(1));
            return Math.max((System.nanoTime() - created) / 1_000_000, 10);
        }
    }

    /** Waits until the migrating child has created the database file. */
    private static void awaitFile(Path db, ChildJvm child) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!Files.exists(db)) {
            if (!child.process().isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the migration never created " + db + "; stderr: " + child.err());
            }
            sleep(1);
        }
    }

    /** How many rows the file's Flyway history holds (0 before the table exists). */
    private static long appliedVersions(Path db) {
        List<String> tables =
                DatabaseProbe.strings(db, "SELECT name FROM sqlite_master WHERE name = 'flyway_schema_history'");
        return tables.isEmpty() ? 0 : DatabaseProbe.count(db, "flyway_schema_history");
    }

    private ChildJvm startIngest(Path db, int batch) {
        return ChildJvm.start(
                dir,
                ArticleIngestWorker.class,
                db.toString(),
                String.valueOf(TOTAL),
                String.valueOf(batch),
                String.valueOf(BODY_CHARS));
    }

    private static void assertEarlierDataIntact(Path db) {
        try (Repository repo = new Repository(db)) {
            for (int i = 0; i < SEED_ARTICLES; i += 33) {
                String body = "committed before the crash " + i;
                assertThat(repo.articles().findByUrl(earlierUrl(i)))
                        .get()
                        .satisfies(a -> assertThat(a.body()).isEqualTo(body));
            }
        }
    }

    private static void assertSampleBodiesIntact(Path db) {
        try (Repository repo = new Repository(db)) {
            for (int i = 0; i < TOTAL; i += 997) {
                String url = ArticleIngestWorker.url(i);
                assertThat(repo.articles().findByUrl(url))
                        .get()
                        .satisfies(a -> assertThat(a.body()).isEqualTo(ArticleIngestWorker.body(url, BODY_CHARS)));
            }
        }
    }

    private static String earlierUrl(int i) {
        return "https://earlier.example/" + i;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
