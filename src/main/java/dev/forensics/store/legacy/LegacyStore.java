package dev.forensics.store.legacy;

import dev.forensics.store.Repository;
import dev.forensics.store.article.Article;
import dev.forensics.store.article.NewArticle;
import dev.forensics.store.author.Author;
import dev.forensics.store.llmcache.CachedAnalysis;
import dev.forensics.store.schema.MigrationReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The old data layer's static functions, database path first, kept so that old callers compile and run unchanged
 * during the migration (ADR-006, phase 1 and 2). Each call is one {@link Repository} block: it opens one WAL
 * connection with the busy timeout, does its work and closes the connection, so it no longer leaks; but it still pays
 * an open per call, so move loops to one {@code try (var repo = new Repository(db))} block. Every function throws a
 * typed {@link dev.forensics.store.StoreException} on failure. Nothing outside this package may call them (an
 * architecture test fails the build).
 */
public final class LegacyStore {
    private LegacyStore() {}

    /**
     * Creates or upgrades the database file.
     *
     * @deprecated Use {@link Repository#migrate(Path)}.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static MigrationReport initDatabase(Path db) {
        return Repository.migrate(db);
    }

    /**
     * Stores an author by slug or renames it; returns its id.
     *
     * @deprecated Use {@link dev.forensics.store.author.AuthorDao#upsert(String, String) repo.authors().upsert(slug, name)}.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static long upsertAuthor(Path db, String slug, String name) {
        return withRepository(db, repo -> repo.authors().upsert(slug, name));
    }

    /**
     * The author with this slug, if stored.
     *
     * @deprecated Use {@link dev.forensics.store.author.AuthorDao#findBySlug(String) repo.authors().findBySlug(slug)}.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static Optional<Author> getAuthor(Path db, String slug) {
        return withRepository(db, repo -> repo.authors().findBySlug(slug));
    }

    /**
     * The author with this id, if stored.
     *
     * @deprecated Use {@link dev.forensics.store.author.AuthorDao#findById(long) repo.authors().findById(id)}.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static Optional<Author> getAuthorById(Path db, long id) {
        return withRepository(db, repo -> repo.authors().findById(id));
    }

    /**
     * Whether an article with this URL is stored.
     *
     * @deprecated Use {@link dev.forensics.store.article.ArticleDao#existsByUrl(String) repo.articles().existsByUrl(url)}.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static boolean articleUrlExists(Path db, String url) {
        return withRepository(db, repo -> repo.articles().existsByUrl(url));
    }

    /**
     * Inserts or updates the article stored under {@code url}; returns its id.
     *
     * @deprecated Use {@link dev.forensics.store.article.ArticleDao#upsert(NewArticle) repo.articles().upsert(new NewArticle(...))},
     *             or {@code upsertAll} inside {@code repo.transaction(...)} for many.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static long upsertArticle(
            Path db, String url, long authorId, String title, Instant publishedAt, String body) {
        return withRepository(
                db, repo -> repo.articles().upsert(new NewArticle(url, authorId, title, publishedAt, body)));
    }

    /**
     * The article stored under this URL, if any.
     *
     * @deprecated Use {@link dev.forensics.store.article.ArticleDao#findByUrl(String) repo.articles().findByUrl(url)}.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static Optional<Article> getArticle(Path db, String url) {
        return withRepository(db, repo -> repo.articles().findByUrl(url));
    }

    /**
     * Every article of one author, oldest first.
     *
     * @deprecated Use {@link dev.forensics.store.article.ArticleDao#listByAuthor(long) repo.articles().listByAuthor(authorId)}.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static List<Article> listArticlesByAuthor(Path db, long authorId) {
        return withRepository(db, repo -> repo.articles().listByAuthor(authorId));
    }

    /**
     * How many articles one author has.
     *
     * @deprecated Use {@link dev.forensics.store.article.ArticleDao#countByAuthor(long) repo.articles().countByAuthor(authorId)}.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static long countArticlesByAuthor(Path db, long authorId) {
        return withRepository(db, repo -> repo.articles().countByAuthor(authorId));
    }

    /**
     * Records a fetched body for a stored article; returns false when no article has this URL.
     *
     * @deprecated Use {@link dev.forensics.store.article.ArticleDao#recordFetch(String, String) repo.articles().recordFetch(url, body)}.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static boolean recordArticleBody(Path db, String url, String body) {
        return withRepository(db, repo -> repo.articles().recordFetch(url, body));
    }

    /**
     * The cached analysis JSON of this URL by this model, if any.
     *
     * @deprecated Use {@link dev.forensics.store.llmcache.LlmCacheDao#get(String, String) repo.llmCache().get(url, model)}.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static Optional<String> getCachedAnalysis(Path db, String url, String model) {
        return withRepository(db, repo -> repo.llmCache().get(url, model).map(CachedAnalysis::analysisJson));
    }

    /**
     * Caches an analysis of this URL by this model, replacing any.
     *
     * @deprecated Use {@link dev.forensics.store.llmcache.LlmCacheDao#put(String, String, String) repo.llmCache().put(url, json, model)}.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static void putCachedAnalysis(Path db, String url, String analysisJson, String model) {
        useRepository(db, repo -> repo.llmCache().put(url, analysisJson, model));
    }

    /** The one Repository block every function runs in: opened, used once, closed. */
    private static <T> T withRepository(Path db, Function<Repository, T> work) {
        try (var repo = new Repository(db)) {
            return work.apply(repo);
        }
    }

    private static void useRepository(Path db, Consumer<Repository> work) {
        withRepository(db, repo -> {
            work.accept(repo);
            return null;
        });
    }
}
