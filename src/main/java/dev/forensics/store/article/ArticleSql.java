package dev.forensics.store.article;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The SQL of {@link ArticleDao} (but the upsert, which ArticleDao runs on JDBC itself); portable between SQLite and PostgreSQL. */
@RegisterConstructorMapper(Article.class)
interface ArticleSql {
    String COLUMNS = "id, url, author_id, title, published_at, body, content_hash, fetched_at, created_at, updated_at";

    @SqlQuery("SELECT " + COLUMNS + " FROM articles WHERE author_id = :authorId ORDER BY id")
    List<Article> listByAuthor(long authorId);

    @SqlQuery("SELECT count(*) FROM articles WHERE author_id = :authorId")
    long countByAuthor(long authorId);

    @SqlUpdate(
            "UPDATE articles SET body = :body, content_hash = :contentHash, fetched_at = :now, updated_at = :now WHERE url = :url")
    int recordFetch(String url, String body, String contentHash, Instant now);
}
