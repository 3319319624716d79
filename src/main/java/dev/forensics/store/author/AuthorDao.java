package dev.forensics.store.author;

import dev.forensics.store.internal.DaoContext;
import dev.forensics.store.internal.InstantText;
import dev.forensics.store.internal.StorableText;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Reads and writes authors on the Repository's one connection; get it from {@code repo.authors()} or
 * {@code tx.authors()}. Every method throws a typed {@link dev.forensics.store.StoreException} on failure.
 */
public final class AuthorDao {
    private static final String UPSERT = "INSERT INTO authors (slug, name, created_at, updated_at) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at RETURNING id";
    private static final String FIND_BY_ID = "SELECT " + AuthorSql.COLUMNS + " FROM authors WHERE id = ?";

    private final Supplier<Handle> handle;
    private final DaoContext context;
    private AuthorSql attached;

    /** Binds the author DAO to a Repository's handle (opened when first needed); only the Repository calls this. */
    public AuthorDao(Supplier<Handle> handle, DaoContext context) {
        this.handle = handle;
        this.context = context;
    }

    /**
     * The SqlObject, attached on first use. The upsert (once per author and transaction of an ingest) and the lookup by
     * id ({@code articles show}) bind JDBC by hand on the Repository's cached statements instead (ADR-010, ADR-017).
     */
    private AuthorSql sql() {
        if (attached == null) {
            attached = handle.get().attach(AuthorSql.class);
        }
        return attached;
    }

    /** Stores the author with this slug, or renames the one already stored; returns its id. */
    public long upsert(String slug, String name) {
        String now = InstantText.format(context.now());
        long id = context.write("upserting an author", UPSERT, statement -> {
            StorableText.bind(statement, 1, "slug", slug);
            StorableText.bind(statement, 2, "name", name);
            statement.setString(3, now);
            statement.setString(4, now);
            try (ResultSet returned = statement.executeQuery()) {
                returned.next();
                return returned.getLong(1);
            }
        });
        context.wrote("authors", 1);
        return id;
    }

    /** Stores an author keyed by the slug derived from the name ({@link AuthorSlug#of(String)}); returns its id. */
    public long upsertByName(String name) {
        return upsert(AuthorSlug.of(name), name);
    }

    /** The author with this id, if stored. */
    public Optional<Author> findById(long id) {
        return context.read("finding an author by id", FIND_BY_ID, statement -> {
            statement.setLong(1, id);
            try (ResultSet found = statement.executeQuery()) {
                return found.next() ? Optional.of(AuthorRows.read(found)) : Optional.empty();
            }
        });
    }

    /** The author with this slug, if stored. */
    public Optional<Author> findBySlug(String slug) {
        return context.read("finding an author by slug", () -> sql().findBySlug(slug));
    }

    /** Every author, ordered by slug. */
    public List<Author> list() {
        return context.read("listing authors", () -> sql().list());
    }

    /** How many authors are stored. */
    public long count() {
        return context.readLong("counting authors", "SELECT count(*) FROM authors");
    }
}
