package dev.forensics.store.author;

import dev.forensics.store.internal.Sha256;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Derives an author's stable key from a display name when the scraper gave none. */
public final class AuthorSlug {
    /** Combining marks, which NFKD splits from their letters ({@code ë} becomes {@code e} and a diaeresis). */
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private AuthorSlug() {}

    /**
     * Lower-case ASCII letters and digits joined by dashes ({@code "Zoë  O'Brien"} becomes {@code zoe-o-brien});
     * a name with no Latin letters or digits gets {@code author-} and the first 12 hex digits of its SHA-256.
     * It runs once per ingested line, so it compiles no expression per call and skips the Unicode decomposition of an
     * ASCII name, which it would leave unchanged (ADR-017; {@code AuthorSlugTest} holds it to the definition above).
     *
     * @throws IllegalArgumentException when the name is blank
     */
    public static String of(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an author name is required to derive a slug");
        }
        String letters = isAscii(name)
                ? name
                : MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD))
                        .replaceAll("");
        String lower = letters.toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder(lower.length());
        boolean gap = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && slug.length() > 0) {
                    slug.append('-');
                }
                gap = false;
                slug.append(c);
            } else {
                gap = true;
            }
        }
        return slug.length() == 0 ? "author-" + Sha256.hex(name.strip()).substring(0, 12) : slug.toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
