package dev.forensics.store.reliability.workers;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import dev.forensics.store.schema.MigrationReport;
import java.nio.file.Path;

/**
 * Runs {@code Repository.migrate} on each file in turn, as a second deployment of the pipeline would, each one at a
 * signal of the test so that two workers start every file at the same moment. Arguments: {@code GO DB...}: before
 * file {@code i} (from 0) it prints {@code READY <i> <file>} and waits for the file {@code GO-<i>}
 * ({@link StartSignal}). Prints {@code MIGRATED <file> applied=<n>} per file and exits 0, or prints
 * {@code FAILED <file> <error>} and exits 1.
 */
public final class MigrateWorker {
    private MigrateWorker() {}

    /** Runs the migrations; see the class comment for the arguments. */
    public static void main(String[] args) throws InterruptedException {
        for (int i = 1; i < args.length; i++) {
            Path db = Path.of(args[i]);
            StartSignal.awaitGo(Path.of(args[0] + "-" + (i - 1)), "READY " + (i - 1) + " " + db);
            try {
                MigrationReport report = Repository.migrate(db);
                System.out.println(
                        "MIGRATED " + db + " applied=" + report.applied().size());
            } catch (StoreException e) {
                System.out.println("FAILED " + db + " " + e);
                e.printStackTrace();
                System.exit(1);
            }
        }
    }
}
