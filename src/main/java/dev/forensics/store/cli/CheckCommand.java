package dev.forensics.store.cli;

import dev.forensics.store.Database;
import dev.forensics.store.Repository;
import dev.forensics.store.StoreException;
import dev.forensics.store.schema.SchemaVersion;
import dev.forensics.store.sqlite.SqliteMaintenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code check}: integrity check, foreign-key check, schema version against this build, WAL size. Prints one line
 * per check; exit 1 with the problems listed when anything is wrong, including a file too damaged to open. On
 * PostgreSQL only the connection and the schema version are checked, and the output says so.
 */
@Command(
        name = "check",
        description = "Check integrity, foreign keys, schema version and WAL size; exit 1 listing the problems.")
final class CheckCommand extends StoreCommand {
    @Option(
            names = "--max-wal-mb",
            paramLabel = "MB",
            defaultValue = "256",
            description =
                    "A WAL larger than this is a problem: something keeps checkpoints from running (default: ${DEFAULT-VALUE}).")
    private long maxWalMb;

    /** The largest {@code --max-wal-mb}: 1 TiB, far above any WAL worth having, and far below where MB to bytes overflows. */
    static final long MAX_WAL_MB_LIMIT = 1024 * 1024;

    private final List<String> problems = new ArrayList<>();

    @Override
    public Integer call() {
        if (maxWalMb < 0 || maxWalMb > MAX_WAL_MB_LIMIT) {
            throw new CliException(
                    ExitCode.BAD_INPUT,
                    "--max-wal-mb must be between 0 and " + MAX_WAL_MB_LIMIT + " (1 TiB), was " + maxWalMb);
        }
        Database database = existingDatabase();
        try (Repository repo = new Repository(database)) {
            report(
                    "schema_version",
                    () -> List.of(),
                    SchemaVersion.LATEST + " (this build: " + SchemaVersion.LATEST + ")");
            Optional<SqliteMaintenance> maintenance = database.capability(SqliteMaintenance.class);
            if (maintenance.isPresent()) {
                SqliteMaintenance sqlite = maintenance.get();
                report("integrity_check", sqlite::integrityProblems, "ok");
                report("foreign_key_check", sqlite::foreignKeyProblems, "ok");
                long wal = sqlite.walBytes();
                report(
                        "wal_bytes",
                        () -> wal > maxWalMb * 1024 * 1024
                                ? List.of(wal + " bytes, above --max-wal-mb " + maxWalMb
                                        + ": a long-lived reader is keeping checkpoints from running")
                                : List.of(),
                        String.valueOf(wal));
            } else {
                out().printf(
                                "%-18s %s%n",
                                "integrity_check", "not run on PostgreSQL: use pg_amcheck (amcheck) on the server");
                out().printf(
                                "%-18s %s%n",
                                "foreign_key_check",
                                "not needed on PostgreSQL: foreign keys are enforced at every write");
            }
        } catch (StoreException e) {
            // A file too damaged (or too old, or too new) to open is a finding, not a crash.
            report("open", () -> List.of(e.getMessage()), "");
        }
        if (!problems.isEmpty()) {
            throw new CliException(
                    ExitCode.CHECK_FAILED,
                    "check failed: " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in "
                            + database.displayName());
        }
        out().println("check passed: " + database.displayName()
                + (database.capability(SqliteMaintenance.class).isPresent()
                        ? ""
                        : " (connection and schema version only)"));
        return ExitCode.OK;
    }

    /** Runs one check and prints its line; a check that fails with a StoreException (SQLITE_CORRUPT) is a finding too. */
    private void report(String check, Supplier<List<String>> run, String okValue) {
        List<String> found;
        try {
            found = run.get();
        } catch (StoreException e) {
            found = List.of(e.getMessage());
        }
        if (found.isEmpty()) {
            out().printf("%-18s %s%n", check, okValue);
            return;
        }
        for (String problem : found) {
            out().printf("%-18s FAILED: %s%n", check, ErrorReporter.printable(problem));
            problems.add(check + ": " + problem);
        }
    }
}
