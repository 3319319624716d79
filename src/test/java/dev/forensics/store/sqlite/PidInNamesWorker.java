package dev.forensics.store.sqlite;

import dev.forensics.store.ingest.HeldValidationWorker;
import java.util.Arrays;

/**
 * A {@link HeldValidationWorker} whose private files carry another process id than its own, as a process of another
 * PID namespace sharing the folder would (its id means nothing here). Arguments: {@code PID} then those of
 * {@link HeldValidationWorker}.
 */
public final class PidInNamesWorker {
    private PidInNamesWorker() {}

    /** Sets the id written into names, then runs the held ingest. */
    public static void main(String[] args) throws Exception {
        ProcessTemporaries.PID_IN_NAMES.set(Long.parseLong(args[0]));
        HeldValidationWorker.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
