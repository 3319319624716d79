package dev.forensics.store.cli;

import dev.forensics.store.Database;
import dev.forensics.store.transfer.ExportFilter;
import dev.forensics.store.transfer.Exporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export [--to FILE]}: the articles as JSON Lines that {@code ingest} reads back (ADR-014); standard output by default. */
@Command(
        name = "export",
        description = "Write the articles as JSON Lines in the format `ingest` reads (standard output by default).")
final class ExportCommand extends StoreCommand {
    @Option(
            names = "--to",
            paramLabel = "FILE",
            description = "Write to this new file instead of standard output; it must not exist yet.")
    private Path to;

    @Option(names = "--author", paramLabel = "SLUG", description = "Only the articles of the author with this slug.")
    private String author;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description = "Only articles published or fetched at or after TIME (2024-05-01 or 2024-05-01T12:00:00Z).")
    private String since;

    @Override
    public Integer call() {
        ExportFilter filter = new ExportFilter(
                Optional.ofNullable(author), Optional.ofNullable(since).map(ExportCommand::time));
        Database database = existingDatabase();
        if (to == null) {
            long written = Exporter.export(database, filter, out());
            out().flush();
            if (out().checkError()) {
                throw new CliException(
                        ExitCode.UNEXPECTED,
                        "writing the export to standard output failed (closed pipe?) after " + written + " articles");
            }
            err().println("exported " + written + " articles");
            return ExitCode.OK;
        }
        Path file = to.toAbsolutePath().normalize();
        long written;
        try (Writer writer = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            written = Exporter.export(database, filter, writer);
        } catch (FileAlreadyExistsException e) {
            throw new CliException(
                    ExitCode.BAD_INPUT, "will not overwrite " + file + ": choose a new file name for the export");
        } catch (IOException | RuntimeException e) {
            deletePartial(file, e);
            if (e instanceof RuntimeException unchecked && !(e instanceof UncheckedIOException)) {
                throw unchecked;
            }
            throw new CliException(
                    ExitCode.DATABASE_ERROR,
                    "writing the export to " + file + " failed: " + e.getMessage() + "; the partial file was deleted");
        }
        out().println("exported " + written + " articles to " + file);
        return ExitCode.OK;
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text.strip())
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException notDate) {
                throw new CliException(
                        ExitCode.BAD_INPUT,
                        "--since must be an ISO-8601 time such as 2024-05-01 or 2024-05-01T12:00:00Z, was '" + text
                                + "'");
            }
        }
    }

    private static void deletePartial(Path file, Exception failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
