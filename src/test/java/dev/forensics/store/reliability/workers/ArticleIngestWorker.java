package dev.forensics.store.reliability.workers;

import dev.forensics.store.Repository;
import dev.forensics.store.article.NewArticle;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The batch scrape transaction as a killable process: ingests articles {@code 0..TOTAL-1} in transactions of
 * {@code BATCH} (one transaction when BATCH = TOTAL), skipping URLs already stored, so that running it again after a
 * crash finishes the job exactly. Arguments: {@code DB TOTAL BATCH BODY_CHARS}. Prints {@code BEGIN k} before and
 * {@code COMMITTED k} after each batch, and {@code DONE inserted=N skipped=M} at the end.
 */
public final class ArticleIngestWorker {
    private ArticleIngestWorker() {}

    /** Runs the ingest; see the class comment for the arguments. */
    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        int total = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int bodyChars = Integer.parseInt(args[3]);
        try (Repository repo = new Repository(db)) {
            List<String> urls =
                    IntStream.range(0, total).mapToObj(ArticleIngestWorker::url).toList();
            Set<String> stored = repo.articles().findStoredUrls(urls);
            List<String> pending =
                    urls.stream().filter(url -> !stored.contains(url)).toList();
            int batches = 0;
            for (int from = 0; from < pending.size(); from += batch) {
                List<String> chunk = pending.subList(from, Math.min(pending.size(), from + batch));
                int number = ++batches;
                System.out.println("BEGIN " + number);
                repo.useTransaction(tx -> {
                    long author = tx.authors().upsert("crash-test", "Crash Test");
                    List<NewArticle> articles = new ArrayList<>(chunk.size());
                    for (String url : chunk) {
                        articles.add(article(url, author, bodyChars));
                    }
                    tx.articles().upsertAll(articles);
                });
                System.out.println("COMMITTED " + number);
            }
            System.out.println("DONE inserted=" + pending.size() + " skipped=" + stored.size());
        }
    }

    /** The URL of article {@code i}. */
    public static String url(int i) {
        return "https://scrape.example/article/" + i;
    }

    /** The body stored for {@code url}: {@code bodyChars} characters derived from the URL, so a mix-up shows. */
    public static String body(String url, int bodyChars) {
        StringBuilder body = new StringBuilder(bodyChars);
        while (body.length() < bodyChars) {
            body.append(url).append(' ');
        }
        return body.substring(0, bodyChars);
    }

    private static NewArticle article(String url, long author, int bodyChars) {
        return new NewArticle(
                url, author, "Title of " + url, Instant.parse("2024-05-01T12:00:00Z"), body(url, bodyChars));
    }
}
