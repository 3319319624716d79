package dev.forensics.store.author;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.internal.Sha256;
import java.text.Normalizer;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast slug derivation gives exactly the slug of its definition, written as the regular expressions it replaced. */
class AuthorSlugTest {
    /** Characters names are made of here: ASCII, Latin with marks, Turkish dotted I, ligatures, CJK, emoji halves. */
    private static final String ALPHABET = "aZ09 -_'.,!\tÀéëñøßİıﬁ²Ⅻ村上春樹Ωж\u0301\u00a0";

    @Test
    void aHundredThousandRandomNamesGetTheSlugOfTheDefinition() {
        SplittableRandom random = new SplittableRandom(42);
        int compared = 0;
        for (int n = 0; n < 100_000; n++) {
            StringBuilder name = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (random.nextInt(50) == 0) {
                name.appendCodePoint(0x1F600); // a supplementary character: a surrogate pair
            }
            String text = name.toString();
            if (text.isBlank()) {
                continue;
            }
            assertThat(AuthorSlug.of(text)).as("slug of %s", text).isEqualTo(definition(text));
            compared++;
        }
        assertThat(compared).isGreaterThan(90_000);
    }

    @Test
    void namedExamplesFollowTheDefinition() {
        for (String name : new String[] {"  Zoë  O'Brien ", "José Saramago", "村上春樹", "İlhan", "ﬁona", "--Ann--"}) {
            assertThat(AuthorSlug.of(name)).as(name).isEqualTo(definition(name));
        }
        assertThat(AuthorSlug.of("  Zoë  O'Brien ")).isEqualTo("zoe-o-brien");
    }

    /** The slug as first defined: NFKD, marks removed, lower case, runs of other characters to one dash, trimmed. */
    private static String definition(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
        return slug.isEmpty() ? "author-" + Sha256.hex(name.strip()).substring(0, 12) : slug;
    }
}
