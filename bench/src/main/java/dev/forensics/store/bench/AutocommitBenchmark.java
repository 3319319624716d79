package dev.forensics.store.bench;

import dev.forensics.store.Repository;
import dev.forensics.store.article.NewArticle;
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
 * Case 6: {@code rows} per-row upserts on one Repository, each its own autocommit transaction (the partial-state
 * anti-pattern) against the same upserts in one {@code repo.transaction}. Each iteration writes a fresh file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class AutocommitBenchmark {
    @Param("5000")
    int rows;

    @Param("sqlite")
    String database;

    private List<NewArticle> articles;
    private BenchTarget target;

    /** Builds the articles once per trial. */
    @Setup(Level.Trial)
    public void makeArticles() {
        articles = Fixtures.articles(rows, 10, 2048);
    }

    /** A fresh migrated file with the authors, before each run. */
    @Setup(Level.Iteration)
    public void freshDatabase() {
        target = BenchTarget.fresh(database);
        try (var repo = new Repository(target.database())) {
            Fixtures.insertAuthors(repo, 10);
        }
    }

    /** Deletes the file. */
    @TearDown(Level.Iteration)
    public void drop() {
        target.close();
    }

    /** Anti-pattern: every upsert commits on its own. */
    @Benchmark
    public long autocommitPerRow() {
        try (var repo = new Repository(target.database())) {
            long last = 0;
            for (NewArticle article : articles) {
                last = repo.articles().upsert(article);
            }
            return last;
        }
    }

    /** The same upserts in one transaction. */
    @Benchmark
    public long oneTransaction() {
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
}
