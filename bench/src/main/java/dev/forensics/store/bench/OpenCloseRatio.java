package dev.forensics.store.bench;

import dev.forensics.store.Repository;
import dev.forensics.store.bench.PairedRatio.Pair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/**
 * Open + one lookup + close, ours against raw JDBC, as a paired ratio ({@link PairedRatio}: both sides alternate in
 * blocks in one JVM, judged on the median of the rounds), the same operations as {@link OpenCloseBenchmark}: ours is
 * {@code new Repository(database)}, {@code articles().existsByUrl(url)}, {@code close()}; the baseline borrows a
 * connection from a plain HikariCP pool of the same settings on PostgreSQL (a new sqlite-jdbc connection with the same
 * PRAGMAs on SQLite), runs the lookup on a prepared statement and gives the connection back. Targets: PostgreSQL
 * at most 1.3× (issue 13), SQLite at most 1.5× (BENCHMARKS.md case 3). Usage:
 * {@code OpenCloseRatio [databases=postgresql] [seconds=10]}; exits with status 1 when a target is missed.
 */
public final class OpenCloseRatio {
    private static final int BLOCK = 100;

    private OpenCloseRatio() {}

    /** Measures each database named; see the class comment. */
    public static void main(String[] args) throws Exception {
        String[] databases = (args.length > 0 ? args[0] : "postgresql").split(",");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        boolean met = true;
        for (String database : databases) {
            met &= measure(database, seconds);
        }
        System.exit(met ? 0 : 1);
    }

    private static boolean measure(String database, int seconds) throws Exception {
        String url = Fixtures.url(7);
        try (BenchTarget target = BenchTarget.fresh(database)) {
            try (var repo = new Repository(target.database())) {
                Fixtures.insertAuthors(repo, 1);
            }
            try (Connection raw = target.openRaw()) {
                Fixtures.rawInsert(raw, List.of(Fixtures.articles(8, 1, 200).get(7)));
            }
            Pair pair = new Pair(
                    "open+lookup+close," + database,
                    i -> {
                        try (var repo = new Repository(target.database())) {
                            check(repo.articles().existsByUrl(url));
                        }
                    },
                    i -> {
                        try (Connection connection = target.openRaw();
                                PreparedStatement exists = connection.prepareStatement(Fixtures.RAW_EXISTS)) {
                            exists.setString(1, url);
                            try (ResultSet result = exists.executeQuery()) {
                                result.next();
                                check(result.getInt(1) > 0);
                            }
                        }
                    },
                    "postgresql".equals(database) ? 1.3 : 1.5,
                    true);
            return new PairedRatio(BLOCK).measure(pair, seconds);
        }
    }

    private static void check(boolean found) {
        if (!found) {
            throw new IllegalStateException("the looked-up article is missing");
        }
    }
}
