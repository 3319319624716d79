package dev.forensics.store.cli;

import dev.forensics.store.Database;
import dev.forensics.store.ingest.IngestListener;
import dev.forensics.store.ingest.IngestOptions;
import dev.forensics.store.ingest.IngestSummary;
import dev.forensics.store.ingest.Ingester;
import dev.forensics.store.ingest.InvalidIngestInputException;
import dev.forensics.store.ingest.InvalidLine;
import dev.forensics.store.sqlite.CheckpointMode;
import dev.forensics.store.sqlite.CheckpointResult;
import dev.forensics.store.sqlite.SqliteMaintenance;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ingest FILE...}: the batch scrape transaction over JSON Lines input (see {@link Ingester}); a summary line on
 * standard output, warnings and the progress bar on standard error.
 */
@Command(
        name = "ingest",
        description = {
            "Ingest JSON Lines articles ({\"url\", \"author\", \"author_slug\", \"title\", \"published_at\", \"body\"}).",
            "Migrates the database first; commits nothing before all input is valid; writes in transactions of --batch-size."
        })
final class IngestCommand extends StoreCommand {
    /** Skipped lines reported one by one before the rest are only counted. */
    static final int REPORTED_SKIPS = 100;

    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description = "JSON Lines files, one article per line (UTF-8); - reads standard input "
                    + "(pipes and other inputs that are not regular files are copied to a temporary file first).")
    private List<Path> files;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "" + IngestOptions.DEFAULT_BATCH_SIZE,
            description = "Records per transaction (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--skip-invalid", description = "Report malformed lines and skip them instead of writing nothing.")
    private boolean skipInvalid;

    @Option(names = "--update", description = "Upsert articles whose URL is already stored instead of skipping them.")
    private boolean update;

    @Option(
            names = "--allow-empty",
            description = "Accept an input without a single article (empty, or blank lines only) as an ingest of "
                    + "nothing, instead of refusing it with exit code 2.")
    private boolean allowEmpty;

    @Option(names = "--progress", description = "Show the progress bar even when standard error is not a terminal.")
    private boolean progress;

    @Override
    public Integer call() {
        if (batchSize < 1 || batchSize > IngestOptions.MAX_BATCH_SIZE) {
            throw new CliException(
                    ExitCode.BAD_INPUT,
                    "--batch-size must be between 1 and " + IngestOptions.MAX_BATCH_SIZE + ", was " + batchSize);
        }
        if (files.stream().filter(InputSpool.DASH::equals).count() > 1) {
            throw new CliException(ExitCode.BAD_INPUT, "- (standard input) can be given once only");
        }
        Database database = database();
        ProgressBar bar = new ProgressBar(err(), progress || ProgressBar.stderrIsTerminal());
        IngestSummary summary;
        try (InputSpool spool = new InputSpool();
                InterruptedIngestReport interruption =
                        new InterruptedIngestReport(database.displayName(), err(), bar::finish, spool)) {
            Listener listener = new Listener(bar, interruption);
            List<Path> inputs = spool.readableTwice(files, main().stdin());
            summary = new Ingester(database, new IngestOptions(batchSize, skipInvalid, update, allowEmpty), listener)
                    .ingest(inputs);
            if (listener.skips > REPORTED_SKIPS) {
                err().println("warning: " + (listener.skips - REPORTED_SKIPS) + " more invalid lines skipped");
            }
        } catch (InvalidIngestInputException e) {
            // The first invalid line is in the error message itself; list the others above it.
            e.lines().stream().skip(1).forEach(line -> bar.println(ErrorReporter.printable(line.toString())));
            throw e;
        } finally {
            bar.finish();
        }
        truncateWal(database);
        // A run that wrote nothing has no rate to speak of ("0 rows/s" read as if something were wrong).
        String rate = summary.inserted() + summary.updated() == 0
                ? ""
                : String.format(Locale.ROOT, " (%.0f rows/s)", summary.rowsPerSecond());
        out().println(String.format(
                Locale.ROOT,
                "ingested into %s: read %d, inserted %d, updated %d, skipped %d, invalid %d in %.2f s%s",
                database.displayName(),
                summary.read(),
                summary.inserted(),
                summary.updated(),
                summary.skipped(),
                summary.invalid(),
                summary.elapsed().toNanos() / 1e9,
                rate));
        return ExitCode.OK;
    }

    /**
     * The writer is idle now: a TRUNCATE checkpoint copies the WAL into the database and empties the {@code -wal} file
     * (SQLite only). Readers still inside it make it incomplete, which is reported as a warning, not an error.
     */
    private void truncateWal(Database database) {
        database.capability(SqliteMaintenance.class)
                .flatMap(sqlite -> walNotEmptied(database.displayName(), sqlite.checkpoint(CheckpointMode.TRUNCATE)))
                .ifPresent(warning -> err().println(warning));
    }

    /**
     * The warning for a final checkpoint that left frames in the {@code -wal} file, if it did. Another connection's
     * checkpoint running at that moment is told apart from readers: SQLite then reports no frame counts (-1 of -1).
     */
    static Optional<String> walNotEmptied(String displayName, CheckpointResult result) {
        if (result.anotherCheckpointRunning()) {
            return Optional.of("warning: the -wal file of " + displayName
                    + " was not emptied: another process was checkpointing it at that moment; nothing is lost,"
                    + " a later checkpoint empties it");
        }
        if (!result.complete()) {
            return Optional.of(
                    "warning: the -wal file of " + displayName + " could not be emptied: readers still use it ("
                            + result.checkpointedFrames() + " of " + result.logFrames()
                            + " frames copied); it will be on a later checkpoint");
        }
        return Optional.empty();
    }

    /** Reports skipped lines as warnings, drives the progress bar and tells the interruption report where the batches are. */
    private final class Listener implements IngestListener {
        private final ProgressBar bar;
        private final InterruptedIngestReport interruption;
        private long skips;

        Listener(ProgressBar bar, InterruptedIngestReport interruption) {
            this.bar = bar;
            this.interruption = interruption;
        }

        @Override
        public void skipped(InvalidLine line) {
            if (++skips <= REPORTED_SKIPS) {
                bar.println(ErrorReporter.printable("warning: " + line + " (skipped)"));
            }
        }

        @Override
        public void validating(long lines) {
            bar.validating(lines);
        }

        @Override
        public void writing(long total) {
            bar.start(total);
        }

        @Override
        public void committing(long done, long total) {
            interruption.committing(done, total);
        }

        @Override
        public void committed(long done, long total) {
            interruption.committed(done);
            bar.update(done);
        }
    }
}
