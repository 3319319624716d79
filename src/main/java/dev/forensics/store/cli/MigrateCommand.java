package dev.forensics.store.cli;

import dev.forensics.store.Database;
import dev.forensics.store.schema.MigrationReport;
import dev.forensics.store.schema.Migrator;
import picocli.CommandLine.Command;

/** {@code migrate}: creates or upgrades the database with the migrations in the jar and prints what was applied. */
@Command(name = "migrate", description = "Create or upgrade the database schema (Flyway); prints what was applied.")
final class MigrateCommand extends StoreCommand {

    @Override
    public Integer call() {
        Database database = database();
        MigrationReport report = Migrator.migrate(database);
        report.applied().forEach(migration -> out().println("applied " + migration));
        out().println(report.database()
                + (report.applied().isEmpty() ? " is up to date at schema version " : " is at schema version ")
                + report.toVersion());
        return ExitCode.OK;
    }
}
