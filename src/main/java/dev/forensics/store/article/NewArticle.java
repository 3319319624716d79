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
 * @param contentHash the SHA-256 hex (64 lower-case digits) of {@code body} encoded as UTF-8 when the caller has it
 *                    already (the ingest hashes bodies on its validation thread, ADR-022), or {@code null}: then it
 *                    is computed when the article is written. It is stored as given, so pass only a digest of this
 *                    very body; the five-argument constructor leaves it {@code null}
 */
public record NewArticle(
        String url, long authorId, String title, Instant publishedAt, String body, String contentHash) {

    /**
     * Rejects a missing URL, and a content hash that is not 64 lower-case hex digits or comes without a body.
     *
     * @throws IllegalArgumentException saying which
     */
    public NewArticle {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("an article needs a url");
        }
        if (contentHash != null) {
            if (body == null) {
                throw new IllegalArgumentException("an article without a body has no content hash; pass null");
            }
            String wrong = notSha256Hex(contentHash);
            if (wrong != null) {
                throw new IllegalArgumentException("contentHash must be the SHA-256 of the body as 64 lower-case hex"
                        + " digits, or null to have it computed; " + wrong);
            }
        }
    }

    /** An article whose content hash is computed when it is written. */
    public NewArticle(String url, long authorId, String title, Instant publishedAt, String body) {
        this(url, authorId, title, publishedAt, body, null);
    }

    /** What keeps {@code text} from being 64 lower-case hex digits, or {@code null} when it is. */
    private static String notSha256Hex(String text) {
        if (text.length() != 64) {
            return "was " + text.length() + " characters";
        }
        for (int i = 0; i < 64; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return "character " + (i + 1) + " is '" + c + "'"
                        + (c >= 'A' && c <= 'F' ? ", an upper-case digit" : ", not a hex digit");
            }
        }
        return null;
    }
}
