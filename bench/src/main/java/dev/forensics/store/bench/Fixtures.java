package dev.forensics.store.bench;

import dev.forensics.store.Repository;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.internal.InstantText;
import dev.forensics.store.internal.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Test data and the raw-JDBC statements the baselines run: the same SQL and the same values as the DAOs. */
final class Fixtures {
    /** ArticleSql's upsert with positional parameters. */
    static final String RAW_ARTICLE_UPSERT =
            "INSERT INTO articles (url, author_id, title, published_at, body, content_hash, fetched_at, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (url) DO UPDATE SET author_id = excluded.author_id, title = excluded.title, "
                    + "published_at = excluded.published_at, body = COALESCE(excluded.body, articles.body), "
                    + "content_hash = COALESCE(excluded.content_hash, articles.content_hash), "
                    + "fetched_at = COALESCE(excluded.fetched_at, articles.fetched_at), updated_at = excluded.updated_at";

    static final String RAW_EXISTS = "SELECT count(*) FROM articles WHERE url = ?";
    static final String RAW_CACHE_GET =
            "SELECT url_hash, url, model, analysis_json, cached_at FROM llm_cache WHERE url_hash = ? "
                    + "ORDER BY cached_at DESC, model LIMIT 1";
    static final String RAW_CACHE_PUT =
            "INSERT INTO llm_cache (url_hash, url, model, analysis_json, cached_at, used_at, bytes) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url_hash, model) DO UPDATE SET url = excluded.url, "
                    + "analysis_json = excluded.analysis_json, cached_at = excluded.cached_at, used_at = excluded.used_at, bytes = excluded.bytes";
    static final Instant PUBLISHED = Instant.parse("2024-05-01T12:00:00Z");

    private Fixtures() {}

    /** A text of exactly {@code length} characters that differs with {@code seed}. */
    static String body(int seed, int length) {
        StringBuilder text = new StringBuilder(length);
        text.append("body ").append(seed).append(' ');
        while (text.length() < length) {
            text.append("lorem ipsum dolor sit amet ").append(seed % 97).append(' ');
        }
        text.setLength(length);
        return text.toString();
    }

    static String url(int i) {
        return "https://news.example.org/2024/05/article-" + i + ".html";
    }

    /**
     * {@code rows} articles by authors 1..{@code authors} with bodies of {@code bodyLength} characters; 1,000 distinct
     * bodies are shared so that 100,000 rows fit a small heap (each row still hashes its body).
     */
    static List<NewArticle> articles(int rows, int authors, int bodyLength) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            bodies.add(body(i, bodyLength));
        }
        List<NewArticle> articles = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            articles.add(
                    new NewArticle(url(i), 1 + i % authors, "Title " + i, PUBLISHED, bodies.get(i % bodies.size())));
        }
        return articles;
    }

    /** Stores authors with ids 1..{@code count}. */
    static void insertAuthors(Repository repo, int count) {
        repo.useTransaction(tx -> {
            for (int i = 1; i <= count; i++) {
                long id = tx.authors().upsert("author-" + i, "Author " + i);
                if (id != i) {
                    throw new IllegalStateException("expected author id " + i + ", got " + id);
                }
            }
        });
    }

    /**
     * Stores {@code count} articles (10 authors, 200-character bodies) in {@code target} and returns {@code count} lookup
     * keys, every other one a stored URL and the rest URLs that are not stored.
     */
    static String[] storeLookupArticles(BenchTarget target, int count) {
        try (var repo = new Repository(target.database())) {
            insertAuthors(repo, 10);
        }
        try (Connection raw = target.openRaw()) {
            rawInsert(raw, articles(count, 10, 200));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot store the lookup articles in " + target.database().displayName(), e);
        }
        String[] keys = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = i % 2 == 0 ? url(i) : url(i).replace("article-", "missing-");
        }
        return keys;
    }

    /** Adds one article to the batch of a {@link #RAW_ARTICLE_UPSERT} statement, with the values the DAO binds. */
    static void bindArticle(PreparedStatement upsert, NewArticle article, String now) throws SQLException {
        upsert.setString(1, article.url());
        upsert.setLong(2, article.authorId());
        upsert.setString(3, article.title());
        upsert.setString(4, article.publishedAt() == null ? null : InstantText.format(article.publishedAt()));
        upsert.setString(5, article.body());
        upsert.setString(6, article.body() == null ? null : Sha256.hex(article.body()));
        upsert.setString(7, article.body() == null ? null : now);
        upsert.setString(8, now);
        upsert.setString(9, now);
    }

    /** Inserts the articles in one raw batch and one transaction (fast setup for read benchmarks). */
    static void rawInsert(Connection connection, Collection<NewArticle> articles) throws SQLException {
        String now = InstantText.format(Instant.now());
        connection.setAutoCommit(false);
        try (PreparedStatement upsert = connection.prepareStatement(RAW_ARTICLE_UPSERT)) {
            for (NewArticle article : articles) {
                bindArticle(upsert, article, now);
                upsert.addBatch();
            }
            upsert.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
