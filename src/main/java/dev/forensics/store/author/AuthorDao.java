package dev.forensics.store.author;

import dev.forensics.store.internal.DaoContext;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reads and writes authors on the Repository's one connection; get it from {@code repo.authors()} or
 * {@code tx.authors()}. Every method throws a typed {@link dev.forensics.store.StoreException} on failure.
 */
public final class AuthorDao {
    private final AuthorSql sql;
    private final DaoContext context;

    /** Attaches the author SQL to a Repository's handle; only the Repository calls this. */
    public AuthorDao(Handle handle, DaoContext context) {
        this.sql = handle.attach(AuthorSql.class);
        this.context = context;
    }

    /** Stores the author with this slug, or renames the one already stored; returns its id. */
    public long upsert(String slug, String name) {
        long id = context.write("upserting an author", () -> sql.upsert(slug, name, context.now()));
        context.wrote("authors", 1);
        return id;
    }

    /** Stores an author keyed by the slug derived from the name ({@link AuthorSlug#of(String)}); returns its id. */
    public long upsertByName(String name) {
        return upsert(AuthorSlug.of(name), name);
    }

    /** The author with this id, if stored. */
    public Optional<Author> findById(long id) {
        return context.read("finding an author by id", () -> sql.findById(id));
    }

    /** The author with this slug, if stored. */
    public Optional<Author> findBySlug(String slug) {
        return context.read("finding an author by slug", () -> sql.findBySlug(slug));
    }

    /** Every author, ordered by slug. */
    public List<Author> list() {
        return context.read("listing authors", sql::list);
    }

    /** How many authors are stored. */
    public long count() {
        return context.read("counting authors", sql::count);
    }
}
