package dev.forensics.store.article;

import dev.forensics.store.internal.DaoContext;
import dev.forensics.store.internal.InstantText;
import dev.forensics.store.internal.Sha256;
import dev.forensics.store.internal.StorableText;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Reads and writes articles on the Repository's one connection; get it from {@code repo.articles()} or
 * {@code tx.articles()}. Upserts match on the URL, so ingesting the same article twice updates it and never
 * duplicates it. Every method throws a typed {@link dev.forensics.store.StoreException} on failure. The per-item hot
 * paths ({@code existsByUrl}, {@code upsert}, {@code upsertAll}) bind JDBC by hand, the rest is Jdbi SqlObject (ADR-010).
 */
public final class ArticleDao {
    /** URLs per {@code IN (...)} query in {@link #findStoredUrls(Collection)}, well under every database's bind limit. */
    static final int URLS_PER_QUERY = 500;

    private static final String EXISTS_BY_URL = "SELECT 1 FROM articles WHERE url = ?";
    private static final String FIND_BY_URL = "SELECT " + ArticleSql.COLUMNS + " FROM articles WHERE url = ?";
    /** An article's insert, to which an {@code ON CONFLICT} clause is added. */
    private static final String INSERT =
            "INSERT INTO articles (url, author_id, title, published_at, body, content_hash, fetched_at, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ";
    /** Inserts by URL or updates the stored row; a {@code null} body, hash or fetch time keeps the stored one. */
    private static final String UPSERT = INSERT
            + "ON CONFLICT (url) DO UPDATE SET author_id = excluded.author_id, title = excluded.title, "
            + "published_at = excluded.published_at, body = COALESCE(excluded.body, articles.body), "
            + "content_hash = COALESCE(excluded.content_hash, articles.content_hash), "
            + "fetched_at = COALESCE(excluded.fetched_at, articles.fetched_at), updated_at = excluded.updated_at";

    /** Inserts an article whose URL is not stored; leaves a stored one as it is (committed meanwhile by another writer). */
    private static final String INSERT_NEW = INSERT + "ON CONFLICT (url) DO NOTHING";

    private static final String FIND_STORED_URLS =
            "SELECT url FROM articles WHERE url IN (?" + ", ?".repeat(URLS_PER_QUERY - 1) + ")";

    private static final String UPSERT_RETURNING_ID = UPSERT + " RETURNING id";

    private final Supplier<Handle> handle;
    private final DaoContext context;
    private ArticleSql attached;

    /** Binds the article DAO to a Repository's handle (opened when first needed); only the Repository calls this. */
    public ArticleDao(Supplier<Handle> handle, DaoContext context) {
        this.handle = handle;
        this.context = context;
    }

    /** The SqlObject, attached on first use: a block that only checks URLs never pays for attaching it. */
    private ArticleSql sql() {
        if (attached == null) {
            attached = handle.get().attach(ArticleSql.class);
        }
        return attached;
    }

    /** Inserts the article, or updates the one stored under its URL (a {@code null} body keeps the stored body); returns its id. */
    public long upsert(NewArticle article) {
        String now = InstantText.format(context.now());
        long id = context.write("upserting an article", UPSERT_RETURNING_ID, statement -> {
            bindUpsert(statement, article, now);
            try (ResultSet returned = statement.executeQuery()) {
                returned.next();
                return returned.getLong(1);
            }
        });
        context.wrote("articles", 1);
        return id;
    }

    /**
     * Upserts many articles in one JDBC batch (call it inside {@code transaction(...)} for one commit); returns how
     * many were given. It binds straight onto the block's prepared statement, each value once per row and the
     * timestamp formatted once per batch: through Jdbi's per-row argument binding it ran at 0.83 of the raw JDBC rate,
     * this way at 0.98 (BENCHMARKS.md, case 1).
     */
    public int upsertAll(Collection<NewArticle> articles) {
        if (articles.isEmpty()) {
            return 0;
        }
        String now = InstantText.format(context.now());
        int written = context.write(
                "upserting a batch of articles", UPSERT, statement -> batch(statement, articles, now).length);
        context.wrote("articles", written);
        return written;
    }

    /**
     * Inserts, in one JDBC batch, those of {@code articles} whose URL is not stored when each row is written, and
     * leaves stored ones untouched; returns how many were inserted. Where another transaction writes the same URL
     * uncommitted (PostgreSQL, which has no database-wide write lock), the row waits for it and is left out once it
     * commits: a URL looked up as new a moment before is not overwritten.
     *
     * @throws dev.forensics.store.StoreException a typed subclass when the batch fails
     */
    public int insertAllNew(Collection<NewArticle> articles) {
        if (articles.isEmpty()) {
            return 0;
        }
        String now = InstantText.format(context.now());
        int inserted = context.write("inserting a batch of new articles", INSERT_NEW, statement -> {
            int rows = 0;
            for (int count : batch(statement, articles, now)) {
                if (count < 0) {
                    throw new SQLException("the driver did not report how many rows a batched insert wrote (" + count
                            + "); the ingest cannot tell inserted from skipped articles");
                }
                rows += count;
            }
            return rows;
        });
        context.wrote("articles", inserted);
        return inserted;
    }

    /** Binds every article to {@code statement} ({@link #UPSERT} or {@link #INSERT_NEW}) and runs the batch. */
    private static int[] batch(PreparedStatement statement, Collection<NewArticle> articles, String now)
            throws SQLException {
        for (NewArticle article : articles) {
            bindUpsert(statement, article, now);
            statement.addBatch();
        }
        return statement.executeBatch();
    }

    /** Binds one article to {@link #UPSERT}; the fetch time is {@code now} when the article has a body. */
    private static void bindUpsert(PreparedStatement statement, NewArticle article, String now) throws SQLException {
        boolean fetched = article.body() != null;
        StorableText.bind(statement, 1, "url", article.url());
        statement.setLong(2, article.authorId());
        StorableText.bind(statement, 3, "title", article.title());
        statement.setString(4, article.publishedAt() == null ? null : InstantText.format(article.publishedAt()));
        StorableText.bind(statement, 5, "body", article.body());
        statement.setString(6, fetched ? contentHash(article) : null);
        statement.setString(7, fetched ? now : null);
        statement.setString(8, now);
        statement.setString(9, now);
    }

    /** The SHA-256 hex of the article's body: the one it carries (ADR-022), else computed here. */
    private static String contentHash(NewArticle article) {
        return article.contentHash() != null ? article.contentHash() : Sha256.hex(article.body());
    }

    /** Whether an article with this URL is stored. */
    public boolean existsByUrl(String url) {
        return context.read("looking up an article URL", EXISTS_BY_URL, statement -> {
            StorableText.bind(statement, 1, "url", url);
            try (ResultSet found = statement.executeQuery()) {
                return found.next();
            }
        });
    }

    /**
     * Which of these URLs are already stored, in as few queries as the bind limit allows. Bound by hand on one cached
     * statement of {@link #URLS_PER_QUERY} placeholders (a short chunk repeats its last URL), like {@link #existsByUrl}:
     * an ingest asks this for every chunk, and through Jdbi's list binding each query was rendered, lexed and bound
     * name by name (ADR-017).
     *
     * @throws dev.forensics.store.errors.UnstorableTextException when a URL holds a lone surrogate (field {@code urls})
     */
    public Set<String> findStoredUrls(Collection<String> urls) {
        List<String> all = new ArrayList<>(urls);
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < all.size(); from += URLS_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + URLS_PER_QUERY));
            context.read("looking up article URLs", FIND_STORED_URLS, statement -> {
                for (int i = 0; i < URLS_PER_QUERY; i++) {
                    StorableText.bind(statement, i + 1, "urls", chunk.get(Math.min(i, chunk.size() - 1)));
                }
                try (ResultSet found = statement.executeQuery()) {
                    while (found.next()) {
                        stored.add(found.getString(1));
                    }
                }
                return null;
            });
        }
        return stored;
    }

    /**
     * The article stored under this URL, if any. Bound by hand like {@link #existsByUrl}: a one-shot {@code articles show}
     * no longer attaches the SqlObject (a fifth of its start-up, ADR-017).
     */
    public Optional<Article> findByUrl(String url) {
        return context.read("finding an article by URL", FIND_BY_URL, statement -> {
            StorableText.bind(statement, 1, "url", url);
            try (ResultSet found = statement.executeQuery()) {
                return found.next() ? Optional.of(ArticleRows.read(found)) : Optional.empty();
            }
        });
    }

    /** Every article of one author, oldest first. */
    public List<Article> listByAuthor(long authorId) {
        return context.read("listing an author's articles", () -> sql().listByAuthor(authorId));
    }

    /** How many articles one author has. */
    public long countByAuthor(long authorId) {
        return context.read("counting an author's articles", () -> sql().countByAuthor(authorId));
    }

    /** How many articles are stored. */
    public long count() {
        return context.readLong("counting articles", "SELECT count(*) FROM articles");
    }

    /** Records a freshly fetched body, its SHA-256 and the fetch time; returns false when no article has this URL. */
    public boolean recordFetch(String url, String body) {
        String hash = Sha256.hex(body);
        int written = context.write(
                "recording a fetched article body", () -> sql().recordFetch(url, body, hash, context.now()));
        context.wrote("articles", written);
        return written > 0;
    }
}
