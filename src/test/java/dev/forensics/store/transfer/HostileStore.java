package dev.forensics.store.transfer;

import dev.forensics.store.Database;
import dev.forensics.store.Repository;
import dev.forensics.store.article.NewArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Articles, authors and cache entries whose text is built to break copies: quotes, SQL, escapes, control characters,
 * emoji and a character of every Unicode plane in use, right-to-left text, a BOM, and one 10 MB body. NUL is left
 * out: PostgreSQL's text cannot hold it (README, "Moving to PostgreSQL").
 */
final class HostileStore {
    /** Hostile fragments; each article and author mixes some of them. */
    static final List<String> TEXTS = List.of(
            "it's \"quoted\" 'single' `back` \\backslash\\ \\\\n not-a-newline",
            "'; DROP TABLE articles; -- /* comment */ %_ LIKE wildcards",
            "emoji 😀 family 👩‍👩‍👧‍👦 flag 🏳️‍🌈 skin 👍🏽",
            "planes: A é € \uFFFD \uFFFF(BMP) 𐀀 𝄞(1) 𠀀 𪜀(2) 𰀀(3) \uDB40\uDC01(14) \uDB80\uDC00(15) \uDBFF\uDFFD(16)",
            "control \u0001\u0002\u001b[31m \u007f \t tab \r\n CRLF \n LF \u2028 LS \u2029 PS \u0085 NEL",
            "right-to-left مرحبا بالعالم שלום \u202Eoverride\u202C",
            "\uFEFFBOM at the start, zero\u200Bwidth, combining e\u0301\u0301\u0301",
            "JSON inside {\"a\": [1, \"b\\\"c\"], \"d\": null}");

    static final int TEN_MB = 10 * 1024 * 1024;

    private HostileStore() {}

    /** Writes {@code count} hostile articles (one with a 10 MB body) and cache entries of four models. */
    static void fill(Database database, int count) {
        try (Repository repo = new Repository(database)) {
            for (int from = 0; from < count; from += 500) {
                int start = from;
                int end = Math.min(count, from + 500);
                repo.useTransaction(tx -> {
                    List<NewArticle> batch = new ArrayList<>();
                    for (int i = start; i < end; i++) {
                        String text = TEXTS.get(i % TEXTS.size());
                        long author = tx.authors()
                                .upsert(
                                        "hostile-" + (i % 40),
                                        "Author " + (i % 40) + " " + TEXTS.get((i / 7) % TEXTS.size()));
                        String body =
                                i == 1 ? tenMegabytes() : text + " #" + i + " " + TEXTS.get((i + 3) % TEXTS.size());
                        batch.add(new NewArticle(
                                url(i),
                                author,
                                i % 11 == 0 ? null : "Title " + text,
                                i % 13 == 0 ? null : Instant.ofEpochSecond(1_600_000_000L + i * 3_607L, i * 1_001L),
                                i % 17 == 0 ? null : body));
                        if (i % 5 == 0) {
                            tx.llmCache()
                                    .put(
                                            url(i),
                                            "{\"text\": \"" + i + " "
                                                    + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}",
                                            List.of("", "gpt-x/prompt-7", "claude 🧠 v2", "model 'quoted'")
                                                    .get(i % 4));
                        }
                    }
                    tx.articles().upsertAll(batch);
                });
            }
        }
    }

    /** A URL with non-ASCII, a quote and escapes that ingest still accepts (java.net.URI refuses a bare double quote). */
    static String url(int i) {
        return "https://hostile.example/ü/" + i + "?q='%22&x=%00#😀";
    }

    private static String tenMegabytes() {
        StringBuilder body = new StringBuilder(TEN_MB + 1024);
        for (int i = 0; body.length() < TEN_MB; i++) {
            body.append(TEXTS.get(i % TEXTS.size())).append(' ').append(i).append('\n');
        }
        return body.toString();
    }
}
