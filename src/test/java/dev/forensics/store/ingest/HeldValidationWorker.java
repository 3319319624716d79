package dev.forensics.store.ingest;

import dev.forensics.store.StoreOptions;
import dev.forensics.store.sqlite.SqliteDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * An ingest into a new file whose validation is held at a given line, as a second process: the records before it are
 * written into the private build; once that build exists it prints {@code HELD} and waits (a hang guard, not a timing: the test kills
 * it), or with a fourth argument waits until that file exists, then goes on and prints {@code inserted N skipped M}.
 * Arguments: {@code DB INPUT LINE [RELEASE]}.
 */
public final class HeldValidationWorker {
    /** Printed once the validation is held. */
    public static final String HELD = "HELD";

    private static final Duration HANG_GUARD = Duration.ofMinutes(10);

    private HeldValidationWorker() {}

    /** Runs the held ingest; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]).toAbsolutePath();
        long heldAt = Long.parseLong(args[2]);
        Path release = args.length > 3 ? Path.of(args[3]) : null;
        IngestListener hold = new IngestListener() {
            @Override
            public void validating(long lines) {
                if (lines == heldAt) {
                    try {
                        awaitPrivateBuild(db);
                        System.out.println(HELD);
                        System.out.flush();
                        if (release == null) {
                            Thread.sleep(HANG_GUARD.toMillis());
                        } else {
                            awaitFile(release);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        IngestSummary summary = new Ingester(
                        new SqliteDatabase(db, StoreOptions.defaults()), new IngestOptions(500, false, false), hold)
                .ingest(List.of(Path.of(args[1])));
        System.out.println("inserted " + summary.inserted() + " skipped " + summary.skipped());
    }

    /** Until the test creates {@code release} (a hang guard, not a timing). */
    private static void awaitFile(Path release) throws InterruptedException {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (!Files.exists(release) && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
    }

    /**
     * The build is made beside the database while the validation runs: held until it is there (a hang guard), not only
     * its lock file.
     */
    private static void awaitPrivateBuild(Path db) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        String prefix = "." + db.getFileName() + ".build-";
        while (System.nanoTime() - deadline < 0) {
            try (Stream<Path> siblings = Files.list(db.getParent())) {
                if (siblings.anyMatch(p -> p.getFileName().toString().startsWith(prefix)
                        && p.getFileName().toString().endsWith(".tmp"))) {
                    return;
                }
            }
            Thread.sleep(5);
        }
    }
}
