package dev.forensics.store.author;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The SQL of {@link AuthorDao}; portable between SQLite and PostgreSQL. */
@RegisterConstructorMapper(Author.class)
interface AuthorSql {
    String COLUMNS = "id, slug, name, created_at, updated_at";

    @SqlQuery("SELECT " + COLUMNS + " FROM authors WHERE slug = :slug")
    Optional<Author> findBySlug(String slug);

    @SqlQuery("SELECT " + COLUMNS + " FROM authors ORDER BY slug")
    List<Author> list();
}
