package dev.forensics.store.cli;

import dev.forensics.store.Repository;
import dev.forensics.store.article.NewArticle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An ingest batch caught in the middle, as a second process: writes {@code COUNT} articles inside one transaction,
 * prints {@code IN-FLIGHT} and keeps the transaction (and the write lock) open until the file {@code RELEASE} exists,
 * then commits and prints {@code COMMITTED}. Arguments: {@code DB COUNT RELEASE}.
 */
public final class InFlightBatchWorker {
    /** A hang guard, not a timing: the test creates the release file. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(10);

    private InFlightBatchWorker() {}

    /** Writes and holds the batch; see the class comment for the arguments. */
    public static void main(String[] args) throws InterruptedException {
        Path release = Path.of(args[2]);
        int count = Integer.parseInt(args[1]);
        try (Repository repo = new Repository(Path.of(args[0]))) {
            repo.useTransaction(tx -> {
                long author = tx.authors().upsert("in-flight", "In Flight");
                for (int i = 0; i < count; i++) {
                    tx.articles()
                            .upsert(new NewArticle(
                                    "https://in-flight.example/" + i, author, "in flight " + i, null, "body " + i));
                }
                System.out.println("IN-FLIGHT");
                System.out.flush();
                long deadline = System.nanoTime() + HANG_GUARD.toNanos();
                while (!Files.exists(release) && System.nanoTime() - deadline < 0) {
                    Thread.sleep(5);
                }
            });
        }
        System.out.println("COMMITTED");
    }
}
