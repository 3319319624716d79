package dev.forensics.store.ingest;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The rules that text from outside (a JSON Lines line, a {@code cache put} argument) must meet before it is stored, shared
 * by the ingest and the cache commands so that both refuse the same values. Each rule throws
 * {@link IllegalArgumentException} whose message names the field and what is wrong.
 */
public final class InputRules {
    private static final int QUOTE_LIMIT = 60;

    private InputRules() {}

    /**
     * Requires an absolute URL (with a scheme such as {@code https:}) that {@link URI} can parse.
     *
     * @throws IllegalArgumentException naming {@code field} and quoting the value
     */
    public static void requireAbsoluteUrl(String field, String url) {
        try {
            if (!new URI(url.strip()).isAbsolute()) {
                throw new IllegalArgumentException(
                        field + " must be absolute (with a scheme such as https:), was " + quote(url));
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " is not a valid URL: " + quote(url));
        }
    }

    /**
     * Requires text that UTF-8 can hold exactly: no lone UTF-16 surrogate (JSON's {@code "\ud800"} without its pair,
     * which truncated scrapes produce and which would be stored as {@code ?}, folding two values into one).
     *
     * @throws IllegalArgumentException naming {@code field} and the position of the first lone surrogate
     */
    public static void requireStorableText(String field, String text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " holds a lone UTF-16 surrogate ("
                        + String.format("\\u%04x", (int) c) + " at character " + (i + 1)
                        + ") that cannot be stored as UTF-8; fix the text where it was produced (a truncated scrape?)");
            }
        }
    }

    /** {@code value} in single quotes, cut after 60 characters. */
    static String quote(String value) {
        String shown = value.length() > QUOTE_LIMIT ? value.substring(0, QUOTE_LIMIT) + "..." : value;
        return "'" + shown + "'";
    }
}
