package dev.forensics.store.cli;

import dev.forensics.store.Database;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: its output streams and the global options of {@link Main}. */
abstract class StoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Standard output (UTF-8): results. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error (UTF-8): progress, warnings and errors. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The top-level command, which holds {@code --db}, {@code --verbose} and standard input. */
    Main main() {
        return (Main) spec.root().userObject();
    }

    /** The database named by {@code --db}, which may not exist yet; {@link Main} closes it after the command. */
    Database database() {
        return main().closeAfterCommand(DatabaseOption.toDatabase(main().db(), System.getenv()));
    }

    /** The database named by {@code --db}, which must exist (exit 1 otherwise); {@link Main} closes it after the command. */
    Database existingDatabase() {
        return main().closeAfterCommand(DatabaseOption.existing(main().db(), System.getenv()));
    }
}
