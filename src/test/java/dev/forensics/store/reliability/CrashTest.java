package dev.forensics.store.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.Repository;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.reliability.workers.ArticleIngestWorker;
import dev.forensics.store.reliability.workers.StuckMigrationWorker;
import dev.forensics.store.schema.MigrationReport;
import dev.forensics.store.schema.Migrator;
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
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
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
                ingest.awaitLine("BEGIN 1", Duration.ofMinutes(5));
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
                ingest.awaitLine("COMMITTED 1", Duration.ofMinutes(5));
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
            rerun = ingest.await(Duration.ofMinutes(5));
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
    void aKillInsideEachMigrationsTransactionLeavesExactlyTheVersionsBeforeItAndTheNextMigrateCompletesTheFile()
            throws Exception {
        List<String> found = new ArrayList<>();
        for (int version = 1; version <= SchemaVersion.LATEST; version++) {
            Path db = dir.resolve("migrate-kill-" + version + ".db");
            // The child sees a Flyway callback that never ends after migration `version` has run its statements,
            // and says when it is stuck there: the kill lands inside that migration's transaction every time.
            try (ChildJvm migrate = ChildJvm.startWithFirst(
                    dir,
                    List.of(neverEndingCallbackAfter(version)),
                    StuckMigrationWorker.class,
                    db.toString(),
                    String.valueOf(version - 1))) {
                migrate.awaitLine("INSIDE-MIGRATION", Duration.ofMinutes(5));
                migrate.kill();
            }

            Schema afterKill = Schema.of(db);
            found.add("v" + version + ":" + afterKill.versions());
            assertThat(afterKill.versions())
                    .as("committed versions after a kill inside migration %s", version)
                    .isEqualTo(versionsUpTo(version - 1));
            assertThat(afterKill)
                    .as("the whole schema after a kill inside migration %s: that of version %s", version, version - 1)
                    .isEqualTo(Schema.of(referenceMigratedTo(version - 1)));
            assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");

            MigrationReport report = Repository.migrate(db);

            assertThat(report.applied())
                    .as("migrations the next migrate applied")
                    .hasSize(SchemaVersion.LATEST - (version - 1));
            assertThat(report.toVersion()).isEqualTo(String.valueOf(SchemaVersion.LATEST));
            assertThat(Schema.of(db)).isEqualTo(Schema.of(referenceMigratedTo(SchemaVersion.LATEST)));
            assertThat(DatabaseProbe.count(db, "flyway_schema_history"))
                    .as("history rows, failed ones included")
                    .isEqualTo(SchemaVersion.LATEST);
            assertThat(DatabaseProbe.integrityCheck(db)).isEqualTo("ok");
            try (Repository repo = new Repository(db)) {
                repo.llmCache().put("https://after.example/1", "{}");
                assertThat(repo.llmCache().get("https://after.example/1")).isPresent();
            }
        }
        System.out.println("FIGURE crash-migrate kills=" + SchemaVersion.LATEST + " killed-inside-migration=" + found);
    }

    /**
     * A classpath folder holding {@code db/migration/sqlite/afterEachMigrate.sql}: a Flyway callback that runs inside each
     * migration's transaction, after its statements and before its history row (so {@code version - 1} rows are there
     * while it runs for {@code version}), and that never ends for that one migration: a recursive query without end.
     */
    private Path neverEndingCallbackAfter(int version) throws IOException {
        Path folder = dir.resolve("callbacks-v" + version);
        Path sqlite = Files.createDirectories(folder.resolve("db/migration/sqlite"));
        Files.writeString(
                sqlite.resolve("afterEachMigrate.sql"),
                "WITH RECURSIVE forever(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM forever"
                        + " WHERE (SELECT count(*) FROM flyway_schema_history) = " + (version - 1)
                        + ")\nSELECT count(*) FROM forever;\n");
        return folder;
    }

    /** A new file migrated by Flyway to {@code version} (0: a file without any schema), to compare a killed file with. */
    private Path referenceMigratedTo(int version) {
        Path file = dir.resolve("reference-v" + version + "-" + System.nanoTime() + ".db");
        if (version > 0) {
            Flyway.configure()
                    .dataSource("jdbc:sqlite:" + file, null, null)
                    .locations(Migrator.LOCATION + "sqlite")
                    .target(MigrationVersion.fromVersion(String.valueOf(version)))
                    .load()
                    .migrate();
        }
        return file;
    }

    /**
     * What a migration leaves in a file: the committed Flyway versions, every schema object but Flyway's own table
     * (type, name and SQL), and the {@code application_id} (V3 stamps it).
     */
    private record Schema(List<String> versions, List<String> objects, String applicationId) {
        static Schema of(Path db) {
            if (!Files.exists(db)) {
                return new Schema(List.of(), List.of(), "0");
            }
            boolean history = !DatabaseProbe.strings(
                            db, "SELECT name FROM sqlite_master WHERE name = 'flyway_schema_history'")
                    .isEmpty();
            return new Schema(
                    history
                            ? DatabaseProbe.strings(
                                    db,
                                    "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank")
                            : List.of(),
                    DatabaseProbe.strings(
                            db,
                            "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master"
                                    + " WHERE name NOT LIKE 'flyway_schema_history%' AND name NOT LIKE 'sqlite_%' ORDER BY type, name"),
                    DatabaseProbe.strings(db, "PRAGMA application_id").get(0));
        }
    }

    private static List<String> versionsUpTo(int version) {
        return IntStream.rangeClosed(1, version).mapToObj(String::valueOf).toList();
    }

    /** Runs the one-transaction ingest to its end on a copy and returns how long the transaction took, in ms. */
    private long timeOneFullIngest() throws IOException {
        Path db = Files.copy(template, dir.resolve("calibration.db"));
        try (ChildJvm ingest = startIngest(db, TOTAL)) {
            ingest.awaitLine("BEGIN 1", Duration.ofMinutes(5));
            long started = System.nanoTime();
            ingest.awaitLine("COMMITTED 1", Duration.ofMinutes(5));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(ingest.await(Duration.ofMinutes(5)).exitCode()).isZero();
            assertThat(DatabaseProbe.count(db, "articles")).isEqualTo(TOTAL + SEED_ARTICLES);
            return Math.max(millis, 10);
        }
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
