package dev.forensics.store.article;

import java.time.Instant;

/**
 * An article as scraped, ready to upsert by URL.
 *
 * @param url         the article's URL, its stable key (required)
 * @param authorId    the id returned by {@code authors().upsert(...)}
 * @param title       the title, or {@code null}
 * @param publishedAt when it was published, or {@code null}
 * @param body        the fetched body, or {@code null} when not fetched yet (an upsert then keeps a stored body)
 */
public record NewArticle(String url, long authorId, String title, Instant publishedAt, String body) {

    /** Rejects a missing URL. */
    public NewArticle {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("an article needs a url");
        }
    }
}
