package dev.forensics.store.article;

import dev.forensics.store.internal.DaoContext;
import dev.forensics.store.internal.Sha256;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes articles on the Repository's one connection; get it from {@code repo.articles()} or
 * {@code tx.articles()}. Upserts match on the URL, so ingesting the same article twice updates it and never
 * duplicates it. Every method throws a typed {@link dev.forensics.store.StoreException} on failure.
 */
public final class ArticleDao {
    /** URLs per {@code IN (...)} query in {@link #findStoredUrls(Collection)}, well under every database's bind limit. */
    static final int URLS_PER_QUERY = 500;

    private static final String EXISTS_BY_URL = "SELECT 1 FROM articles WHERE url = ?";

    private final Handle handle;
    private final DaoContext context;
    private ArticleSql attached;

    /** Binds the article DAO to a Repository's handle; only the Repository calls this. */
    public ArticleDao(Handle handle, DaoContext context) {
        this.handle = handle;
        this.context = context;
    }

    /** The SqlObject, attached on first use: a block that only checks URLs never pays for attaching it. */
    private ArticleSql sql() {
        if (attached == null) {
            attached = handle.attach(ArticleSql.class);
        }
        return attached;
    }

    /** Inserts the article, or updates the one stored under its URL (a {@code null} body keeps the stored body); returns its id. */
    public long upsert(NewArticle article) {
        long id = context.call("upserting an article", () -> sql().upsert(article, context.now()));
        context.wrote("articles", 1);
        return id;
    }

    /**
     * Upserts many articles in one JDBC batch (call it inside {@code transaction(...)} for one commit); returns
     * how many were given.
     */
    public int upsertAll(Collection<NewArticle> articles) {
        if (articles.isEmpty()) {
            return 0;
        }
        int written = context.call("upserting a batch of articles", () -> sql().upsertAll(articles, context.now()).length);
        context.wrote("articles", written);
        return written;
    }

    /** Whether an article with this URL is stored. */
    public boolean existsByUrl(String url) {
        return context.query(handle, "looking up an article URL", EXISTS_BY_URL, statement -> {
            statement.setString(1, url);
            try (ResultSet found = statement.executeQuery()) {
                return found.next();
            }
        });
    }

    /** Which of these URLs are already stored, in as few queries as the bind limit allows. */
    public Set<String> findStoredUrls(Collection<String> urls) {
        List<String> all = new ArrayList<>(urls);
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < all.size(); from += URLS_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + URLS_PER_QUERY));
            stored.addAll(context.call("looking up article URLs", () -> sql().findStoredUrls(chunk)));
        }
        return stored;
    }

    /** The article stored under this URL, if any. */
    public Optional<Article> findByUrl(String url) {
        return context.call("finding an article by URL", () -> sql().findByUrl(url));
    }

    /** Every article of one author, oldest first. */
    public List<Article> listByAuthor(long authorId) {
        return context.call("listing an author's articles", () -> sql().listByAuthor(authorId));
    }

    /** How many articles one author has. */
    public long countByAuthor(long authorId) {
        return context.call("counting an author's articles", () -> sql().countByAuthor(authorId));
    }

    /** How many articles are stored. */
    public long count() {
        return context.call("counting articles", () -> sql().count());
    }

    /** Records a freshly fetched body, its SHA-256 and the fetch time; returns false when no article has this URL. */
    public boolean recordFetch(String url, String body) {
        String hash = Sha256.hex(body);
        int written = context.call("recording a fetched article body", () -> sql().recordFetch(url, body, hash, context.now()));
        context.wrote("articles", written);
        return written > 0;
    }
}
