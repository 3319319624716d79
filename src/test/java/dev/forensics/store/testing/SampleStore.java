package dev.forensics.store.testing;

import dev.forensics.store.Database;
import dev.forensics.store.Repository;
import dev.forensics.store.article.NewArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Fills a migrated database with ordinary generated rows: authors, articles with bodies, cache entries of several models. */
public final class SampleStore {
    private static final int PER_TRANSACTION = 500;

    private SampleStore() {}

    /**
     * Writes {@code articles} articles (URLs {@code https://news.example/<prefix>/<i>}) by 25 authors with bodies of about
     * {@code bodyChars} characters, and one cache entry for every tenth article under one of three models.
     */
    public static void fill(Database database, String prefix, int articles, int bodyChars) {
        try (Repository repo = new Repository(database)) {
            for (int from = 0; from < articles; from += PER_TRANSACTION) {
                int start = from;
                int end = Math.min(articles, from + PER_TRANSACTION);
                repo.useTransaction(tx -> {
                    List<NewArticle> batch = new ArrayList<>();
                    for (int i = start; i < end; i++) {
                        long author = tx.authors()
                                .upsert(prefix + "-author-" + (i % 25), "Author " + (i % 25) + " of " + prefix);
                        batch.add(new NewArticle(
                                url(prefix, i),
                                author,
                                "Title " + i,
                                Instant.ofEpochSecond(1_700_000_000L + i * 61L),
                                body(i, bodyChars)));
                        if (i % 10 == 0) {
                            tx.llmCache()
                                    .put(
                                            url(prefix, i),
                                            "{\"i\":" + i + ",\"prefix\":\"" + prefix + "\"}",
                                            "model-" + (i % 3));
                        }
                    }
                    tx.articles().upsertAll(batch);
                });
            }
        }
    }

    /** The URL of article {@code i}. */
    public static String url(String prefix, int i) {
        return "https://news.example/" + prefix + "/" + i;
    }

    private static String body(int i, int chars) {
        StringBuilder body = new StringBuilder(chars + 32);
        long x = i * 2_654_435_761L + 1;
        while (body.length() < chars) {
            x = x * 6_364_136_223_846_793_005L + 1_442_695_040_888_963_407L;
            body.append(Long.toString(x >>> 1, 36)).append(' ');
        }
        return body.toString();
    }
}
