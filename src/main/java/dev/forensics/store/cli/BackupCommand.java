package dev.forensics.store.cli;

import dev.forensics.store.backup.BackupReport;
import dev.forensics.store.backup.Backups;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backup --to FILE}: a consistent online copy while writers keep writing, written durably (temporary file,
 * fsync, check, rename, directory fsync; ADR-014); never overwrites. PostgreSQL: points to pg_dump (exit 2).
 */
@Command(
        name = "backup",
        description =
                "Write a consistent, checked copy of the SQLite database to a new file while writers keep writing.")
final class BackupCommand extends StoreCommand {
    @Option(
            names = "--to",
            required = true,
            paramLabel = "FILE",
            description = "The backup file; it must not exist yet.")
    private Path to;

    @Override
    public Integer call() {
        BackupReport report = Backups.backup(existingDatabase(), to);
        out().println(String.format(
                Locale.ROOT,
                "backed up %s to %s: %d bytes, schema version %d, checked, in %.2f s",
                report.source(),
                report.target(),
                report.bytes(),
                report.schemaVersion(),
                report.took().toNanos() / 1e9));
        return ExitCode.OK;
    }
}
