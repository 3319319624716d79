package dev.forensics.store.cli;

import dev.forensics.store.schema.Migrator;
import java.util.List;
import org.flywaydb.core.api.MigrationInfo;
import picocli.CommandLine.Command;

/** {@code info}: every migration this build knows, with its state on the database. */
@Command(name = "info", description = "List the migrations and whether each is applied.")
final class InfoCommand extends StoreCommand {

    @Override
    public Integer call() {
        List<MigrationInfo> migrations = Migrator.info(existingDatabase());
        out().printf("%-8s %-32s %-10s %s%n", "version", "description", "state", "installed_on");
        for (MigrationInfo m : migrations) {
            out().printf(
                            "%-8s %-32s %-10s %s%n",
                            m.getVersion(),
                            m.getDescription(),
                            m.getState().getDisplayName(),
                            m.getInstalledOn() != null ? m.getInstalledOn().toInstant() : "-");
        }
        return ExitCode.OK;
    }
}
