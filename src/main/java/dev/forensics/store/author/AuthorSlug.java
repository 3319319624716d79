package dev.forensics.store.author;

import dev.forensics.store.internal.Sha256;
import java.text.Normalizer;
import java.util.Locale;

/** Derives an author's stable key from a display name when the scraper gave none. */
public final class AuthorSlug {
    private AuthorSlug() {}

    /**
     * Lower-case ASCII letters and digits joined by dashes ({@code "Zoë  O'Brien"} becomes {@code zoe-o-brien});
     * a name with no Latin letters or digits gets {@code author-} and the first 12 hex digits of its SHA-256.
     *
     * @throws IllegalArgumentException when the name is blank
     */
    public static String of(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an author name is required to derive a slug");
        }
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
        return slug.isEmpty() ? "author-" + Sha256.hex(name.strip()).substring(0, 12) : slug;
    }
}
