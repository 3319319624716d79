package dev.forensics.store.article;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The SQL of {@link ArticleDao}; portable between SQLite and PostgreSQL. */
@RegisterConstructorMapper(Article.class)
interface ArticleSql {
    String COLUMNS = "id, url, author_id, title, published_at, body, content_hash, fetched_at, created_at, updated_at";
    String UPSERT = "INSERT INTO articles (url, author_id, title, published_at, body, content_hash, fetched_at, created_at, updated_at) "
            + "VALUES (:url, :authorId, :title, :publishedAt, :body, :contentHash, CASE WHEN :body IS NULL THEN NULL ELSE :now END, :now, :now) "
            + "ON CONFLICT (url) DO UPDATE SET author_id = excluded.author_id, title = excluded.title, "
            + "published_at = excluded.published_at, body = COALESCE(excluded.body, articles.body), "
            + "content_hash = COALESCE(excluded.content_hash, articles.content_hash), "
            + "fetched_at = COALESCE(excluded.fetched_at, articles.fetched_at), updated_at = excluded.updated_at";

    @SqlQuery(UPSERT + " RETURNING id")
    long upsert(@BindMethods NewArticle article, Instant now);

    @SqlBatch(value = UPSERT, transactional = false)
    int[] upsertAll(@BindMethods Collection<NewArticle> article, Instant now);

    @SqlQuery("SELECT url FROM articles WHERE url IN (<urls>)")
    Set<String> findStoredUrls(@BindList("urls") Collection<String> urls);

    @SqlQuery("SELECT " + COLUMNS + " FROM articles WHERE url = :url")
    Optional<Article> findByUrl(String url);

    @SqlQuery("SELECT " + COLUMNS + " FROM articles WHERE author_id = :authorId ORDER BY id")
    List<Article> listByAuthor(long authorId);

    @SqlQuery("SELECT count(*) FROM articles WHERE author_id = :authorId")
    long countByAuthor(long authorId);

    @SqlQuery("SELECT count(*) FROM articles")
    long count();

    @SqlUpdate("UPDATE articles SET body = :body, content_hash = :contentHash, fetched_at = :now, updated_at = :now WHERE url = :url")
    int recordFetch(String url, String body, String contentHash, Instant now);
}
