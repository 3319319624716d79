package dev.forensics.store.cli;

import dev.forensics.store.Database;
import dev.forensics.store.Repository;
import dev.forensics.store.sqlite.SqliteMaintenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** {@code backup --to FILE}: a consistent online copy ({@code VACUUM INTO}) while writers keep writing; never overwrites. */
@Command(name = "backup", description = "Write a consistent copy of the database to a new file while writers keep writing.")
final class BackupCommand extends StoreCommand {
    @Option(names = "--to", required = true, paramLabel = "FILE", description = "The backup file; it must not exist yet.")
    private Path to;

    @Override
    public Integer call() {
        if (main().db().startsWith("jdbc:postgresql:")) {
            // Refuse before connecting: nothing here would make a PostgreSQL backup.
            throw new CliException(ExitCode.BAD_INPUT, "backup copies SQLite files only; for PostgreSQL use the server's tools, e.g. "
                    + "`pg_dump --format=custom --file=" + to + " <database>` (one consistent snapshot while writers keep writing) or pg_basebackup");
        }
        Database database = existingDatabase();
        Path target = to.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new CliException(ExitCode.BAD_INPUT, "will not overwrite " + target + ": choose a new file name for the backup");
        }
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw new CliException(ExitCode.BAD_INPUT, "cannot write " + target + ": directory " + target.getParent() + " does not exist");
        }
        long started = System.nanoTime();
        long bytes;
        try (Repository repo = new Repository(database)) {
            bytes = SqliteMaintenance.vacuumInto(repo, target);
        }
        out().println(String.format(Locale.ROOT, "backed up %s to %s: %d bytes in %.2f s", database.displayName(), target,
                bytes, (System.nanoTime() - started) / 1e9));
        return ExitCode.OK;
    }
}
