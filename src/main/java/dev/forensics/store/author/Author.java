package dev.forensics.store.author;

import java.time.Instant;

/**
 * A stored author.
 *
 * @param id        the database id, used by {@link dev.forensics.store.article.NewArticle#authorId()}
 * @param slug      the stable key ({@code jane-doe}) that upserts match on
 * @param name      the display name, as last upserted
 * @param createdAt when the author was first stored
 * @param updatedAt when the author was last upserted
 */
public record Author(long id, String slug, String name, Instant createdAt, Instant updatedAt) {}
