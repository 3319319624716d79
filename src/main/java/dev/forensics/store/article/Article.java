package dev.forensics.store.article;

import java.time.Instant;

/**
 * A stored article.
 *
 * @param id          the database id
 * @param url         the URL, unique
 * @param authorId    the author's id
 * @param title       the title, or {@code null}
 * @param publishedAt when it was published, or {@code null}
 * @param body        the last fetched body, or {@code null}
 * @param contentHash SHA-256 hex of {@code body}, or {@code null}
 * @param fetchedAt   when the body was last recorded, or {@code null}
 * @param createdAt   when the article was first stored
 * @param updatedAt   when it was last upserted or fetched
 */
public record Article(
        long id,
        String url,
        long authorId,
        String title,
        Instant publishedAt,
        String body,
        String contentHash,
        Instant fetchedAt,
        Instant createdAt,
        Instant updatedAt) {}
