package dev.forensics.store.ingest;

import java.time.Instant;

/**
 * One article as read from a line of JSON Lines input, validated.
 *
 * @param url         the article's absolute URL (required)
 * @param title       the title, or {@code null}
 * @param author      the author's display name (required)
 * @param authorSlug  the author's key: as given, or derived from the name
 * @param publishedAt when it was published, or {@code null}
 * @param body        the fetched body, or {@code null}
 * @param bodySha256  the SHA-256 hex of {@code body} when it is known (records read back from the ingest's spool,
 *                    which hashes each body on the validation thread, ADR-022), else {@code null}
 */
public record ArticleRecord(
        String url,
        String title,
        String author,
        String authorSlug,
        Instant publishedAt,
        String body,
        String bodySha256) {

    /** A record whose body's hash is not known yet. */
    public ArticleRecord(String url, String title, String author, String authorSlug, Instant publishedAt, String body) {
        this(url, title, author, authorSlug, publishedAt, body, null);
    }
}
