package dev.forensics.store.cli;

import dev.forensics.store.Database;
import dev.forensics.store.transfer.Copier;
import dev.forensics.store.transfer.CopyListener;
import dev.forensics.store.transfer.CopyOptions;
import dev.forensics.store.transfer.CopySummary;
import dev.forensics.store.transfer.TableCopy;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code copy --to TARGET}: every author, article and cache entry of {@code --db} into another database (ADR-014),
 * migrated first, ids kept, verified per table at the end (exit 1 on a mismatch). Run again after a kill, it finishes.
 */
@Command(
        name = "copy",
        description = {
            "Copy every author, article and LLM-cache entry into another database (a SQLite file or a "
                    + "jdbc:postgresql:// URL), keeping ids; then compare row counts and checksums of every table (exit 1 on a mismatch).",
            "Run it again after an interruption: rows already copied are skipped."
        })
final class CopyCommand extends StoreCommand {
    @Option(
            names = "--to",
            required = true,
            paramLabel = "TARGET",
            description =
                    "The target: a SQLite file (created if missing) or a jdbc:postgresql://HOST/DB URL (password from $FORENSICS_DB_PASSWORD).")
    private String to;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "" + CopyOptions.DEFAULT_BATCH_SIZE,
            description =
                    "Rows per target transaction (1 to " + CopyOptions.MAX_BATCH_SIZE + "; default ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(
            names = "--overwrite",
            description = "Replace target rows that differ from the source's rows with the same id (default: refuse).")
    private boolean overwrite;

    @Option(names = "--progress", description = "Show a progress bar even when standard error is not a terminal.")
    private boolean progress;

    @Override
    public Integer call() {
        if (batchSize < 1 || batchSize > CopyOptions.MAX_BATCH_SIZE) {
            throw new CliException(
                    ExitCode.BAD_INPUT,
                    "--batch-size must be between 1 and " + CopyOptions.MAX_BATCH_SIZE + ", was " + batchSize);
        }
        Database source = existingDatabase();
        Database target = main().closeAfterCommand(DatabaseOption.toDatabase(to, System.getenv()));
        ProgressBar bar = new ProgressBar(err(), progress || ProgressBar.stderrIsTerminal());
        CopySummary summary = Copier.copy(source, target, new CopyOptions(batchSize, overwrite), new Listener(bar));
        printSummary(summary);
        if (!summary.verified()) {
            err().println(
                            "error: the copy does not match its source (see the table above): run the copy again; if it still differs, "
                                    + "the target is being written to by someone else");
            return ExitCode.CHECK_FAILED;
        }
        return ExitCode.OK;
    }

    private void printSummary(CopySummary summary) {
        out().println(String.format(
                Locale.ROOT,
                "%-10s %10s %10s %10s %10s %11s  %-16s  %-16s  %s",
                "table",
                "source",
                "target",
                "new",
                "unchanged",
                "overwritten",
                "checksum source",
                "checksum target",
                "verified"));
        for (TableCopy table : summary.tables()) {
            out().println(String.format(
                    Locale.ROOT,
                    "%-10s %10d %10d %10d %10d %11d  %-16s  %-16s  %s",
                    table.table(),
                    table.sourceRows(),
                    table.targetRows(),
                    table.inserted(),
                    table.unchanged(),
                    table.overwritten(),
                    table.sourceChecksum(),
                    table.targetChecksum(),
                    table.matches() ? "ok" : "MISMATCH"));
        }
        double seconds = summary.took().toNanos() / 1e9;
        out().println(String.format(
                Locale.ROOT,
                "copied %s to %s: %d rows written in %.2f s (%.0f rows/s); %s",
                summary.source(),
                summary.target(),
                summary.rowsWritten(),
                seconds,
                seconds > 0 ? summary.rowsWritten() / seconds : 0,
                summary.verified() ? "every table matches" : "MISMATCH"));
    }

    /** Draws the progress of each table on standard error. */
    private final class Listener implements CopyListener {
        private final ProgressBar bar;

        Listener(ProgressBar bar) {
            this.bar = bar;
        }

        @Override
        public void tableStarted(String table, long sourceRows) {
            bar.finish();
            err().println("copying " + table + ": " + sourceRows + " rows");
            bar.start(sourceRows);
        }

        @Override
        public void batchCopied(String table, long done, long sourceRows) {
            bar.update(done);
        }

        @Override
        public void verifying() {
            bar.finish();
            err().println("verifying: counting and checksumming every table on both sides");
        }
    }
}
