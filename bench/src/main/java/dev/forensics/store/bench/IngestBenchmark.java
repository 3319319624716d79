package dev.forensics.store.bench;

import dev.forensics.store.Repository;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.internal.InstantText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Case 1: ingest {@code rows} articles (about 2 KB body each, {@code authors} authors) in one transaction into a
 * fresh migrated database. Ours: {@code articles().upsertAll} (one JDBC batch, ADR-010) and, for comparison, per-row
 * {@code upsert}; baseline: the raw JDBC driver's {@code addBatch/executeBatch}. Each iteration is one whole ingest.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 4)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class IngestBenchmark {
    @Param("100000")
    int rows;

    @Param("1000")
    int authors;

    @Param("2048")
    int bodyLength;

    @Param("sqlite")
    String database;

    private List<NewArticle> articles;
    private BenchTarget target;

    /** Builds the articles once per trial. */
    @Setup(Level.Trial)
    public void makeArticles() {
        articles = Fixtures.articles(rows, authors, bodyLength);
    }

    /** A fresh migrated file with the authors, before each ingest. */
    @Setup(Level.Iteration)
    public void freshDatabase() {
        target = BenchTarget.fresh(database);
        try (var repo = new Repository(target.database())) {
            Fixtures.insertAuthors(repo, authors);
        }
    }

    /** Checks that every article was stored, then deletes the file. */
    @TearDown(Level.Iteration)
    public void checkAndDrop() {
        try (var repo = new Repository(target.database())) {
            long stored = repo.articles().count();
            if (stored != rows) {
                throw new IllegalStateException("expected " + rows + " articles, found " + stored);
            }
        } finally {
            target.close();
        }
    }

    /** Ours: the bulk DAO method (one JDBC batch on the block's statement) in one {@code repo.transaction}. */
    @Benchmark
    public int repositoryUpsertAll() {
        try (var repo = new Repository(target.database())) {
            return repo.transaction(tx -> tx.articles().upsertAll(articles));
        }
    }

    /** Ours, for comparison: one {@code upsert} (a statement with RETURNING id) per row in one transaction. */
    @Benchmark
    public long repositoryUpsertPerRow() {
        try (var repo = new Repository(target.database())) {
            return repo.transaction(tx -> {
                long last = 0;
                for (NewArticle article : articles) {
                    last = tx.articles().upsert(article);
                }
                return last;
            });
        }
    }

    /** Baseline: raw JDBC, one PreparedStatement batch in one transaction, same SQL and values. */
    @Benchmark
    public int rawJdbcBatch() throws SQLException {
        try (Connection connection = target.openRaw()) {
            String now = InstantText.format(Instant.now());
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement(Fixtures.RAW_ARTICLE_UPSERT)) {
                for (NewArticle article : articles) {
                    Fixtures.bindArticle(upsert, article, now);
                    upsert.addBatch();
                }
                int n = upsert.executeBatch().length;
                connection.commit();
                return n;
            }
        }
    }
}
