package dev.forensics.store.cli;

import dev.forensics.store.backup.Backups;
import dev.forensics.store.backup.RestoreReport;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code restore --from FILE}: checks the backup (ours, not newer, integrity) and replaces the database's contents with
 * it online (ADR-014); a refused file leaves the database untouched. PostgreSQL: points to pg_restore (exit 2).
 */
@Command(
        name = "restore",
        description =
                "Replace the SQLite database's contents with a checked backup, while other processes keep it open.")
final class RestoreCommand extends StoreCommand {
    @Option(
            names = "--from",
            required = true,
            paramLabel = "FILE",
            description = "The backup file written by `backup`.")
    private Path from;

    @Override
    public Integer call() {
        RestoreReport report = Backups.restore(database(), from);
        out().println(String.format(
                Locale.ROOT,
                "restored %s from %s: %d bytes, schema version %d, in %.2f s",
                report.target(),
                report.source(),
                report.bytes(),
                report.schemaVersion(),
                report.took().toNanos() / 1e9));
        return ExitCode.OK;
    }
}
