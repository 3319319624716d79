package dev.forensics.store.reliability.workers;

import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import dev.forensics.store.schema.MigrationReport;
import java.nio.file.Path;

/**
 * Runs {@code Repository.migrate} on each file in turn, starting at the go signal, as a second deployment of the
 * pipeline would. Arguments: {@code GO DB...}. Prints {@code MIGRATED <file> applied=<n>} per file and exits 0,
 * or prints {@code FAILED <file> <error>} and exits 1.
 */
public final class MigrateWorker {
    private MigrateWorker() {}

    /** Runs the migrations; see the class comment for the arguments. */
    public static void main(String[] args) throws InterruptedException {
        StartSignal.awaitGo(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            Path db = Path.of(args[i]);
            try {
                MigrationReport report = Repository.migrate(db);
                System.out.println(
                        "MIGRATED " + db + " applied=" + report.applied().size());
            } catch (StoreException e) {
                System.out.println("FAILED " + db + " " + e);
                System.exit(1);
            }
        }
    }
}
