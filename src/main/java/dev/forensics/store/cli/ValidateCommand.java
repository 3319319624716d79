package dev.forensics.store.cli;

import dev.forensics.store.Database;
import dev.forensics.store.errors.MigrationFailedException;
import dev.forensics.store.schema.Migrator;
import picocli.CommandLine.Command;

/** {@code validate}: checks that the applied migrations are exactly the ones in this build; exit 1 when they differ. */
@Command(
        name = "validate",
        description = "Check the applied migrations against this build (names and checksums); exit 1 if they differ.")
final class ValidateCommand extends StoreCommand {

    @Override
    public Integer call() {
        Database database = existingDatabase();
        try {
            Migrator.validate(database);
        } catch (MigrationFailedException e) {
            throw new CliException(ExitCode.CHECK_FAILED, e.getMessage());
        }
        out().println(database.displayName() + ": the applied migrations match this build");
        return ExitCode.OK;
    }
}
