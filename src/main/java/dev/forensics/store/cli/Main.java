package dev.forensics.store.cli;

import dev.forensics.store.Database;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar forensics-store.jar <command>}: the command-line entry point and the only code of this project
 * that prints. Global options {@code --db PATH} (default {@code ./forensics.db}, or {@code FORENSICS_DB}) and
 * {@code --verbose}; exit codes in {@link ExitCode}. Text in and out is UTF-8 whatever the locale.
 */
@Command(
        name = CommandName.LAUNCHER,
        versionProvider = Main.Version.class,
        description = "Authors, articles and the LLM-analysis cache in one SQLite file or a PostgreSQL database.",
        subcommands = {
            MigrateCommand.class,
            InfoCommand.class,
            ValidateCommand.class,
            IngestCommand.class,
            CacheCommand.class,
            ArticlesCommand.class,
            StatsCommand.class,
            CheckCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            CopyCommand.class,
            ExportCommand.class,
            HelpCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 ok, 1 not found or check failed, 2 bad usage or input, 3 database error, 4 unexpected."
        })
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--db",
            paramLabel = "PATH",
            scope = ScopeType.INHERIT,
            defaultValue = "${env:FORENSICS_DB:-forensics.db}",
            description = {
                "The database file, or a jdbc:postgresql://HOST/DB?user=U URL (password from $FORENSICS_DB_PASSWORD only; "
                        + "user also from $FORENSICS_DB_USER).",
                // A line of its own: picocli would otherwise wrap the path as ". /forensics.db".
                "Default: $FORENSICS_DB, else ./forensics.db"
            })
    private String db;

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error after its one-line message.")
    private boolean verbose;

    // Inherited, so that every command and subcommand answers -h and --help with its own page and exit 0 (ADR-016).
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            scope = ScopeType.INHERIT,
            description = "Show this help and exit.")
    private boolean help;

    @Option(
            names = {"-V", "--version"},
            versionHelp = true,
            description = "Print the version and exit.")
    private boolean version;

    private final InputStream stdin;
    private final List<Database> opened = new ArrayList<>();

    /** A command tree that reads standard input. */
    public Main() {
        this(System.in);
    }

    /** A command tree that reads {@code stdin} where a command takes input from standard input ({@code cache put}). */
    public Main(InputStream stdin) {
        this.stdin = stdin;
    }

    /** Runs the command named by {@code args} and exits with its exit code. */
    public static void main(String[] args) {
        CommandLine commandLine = commandLine(
                        new Main(),
                        utf8(new FileOutputStream(FileDescriptor.out)),
                        utf8(new FileOutputStream(FileDescriptor.err)))
                .setCommandName(CommandName.asTyped(System.getProperties()));
        int exitCode = commandLine.execute(args);
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        System.exit(exitCode);
    }

    /**
     * The configured command line: errors become one {@code error: ...} line on {@code err} and an exit code; results
     * go to {@code out}. Tests run commands in-process through it.
     */
    public static CommandLine commandLine(Main main, PrintWriter out, PrintWriter err) {
        ErrorReporter errors = new ErrorReporter();
        return new CommandLine(main)
                .setExecutionStrategy(parseResult -> {
                    try {
                        return new CommandLine.RunLast().execute(parseResult);
                    } catch (Error error) {
                        // picocli hands only Exceptions to the handler: an Error becomes one line and exit 4 too.
                        throw new CommandLine.ExecutionException(
                                parseResult.commandSpec().commandLine(), String.valueOf(error), error);
                    } finally {
                        main.closeDatabases();
                    }
                })
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Without a command: bad usage. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "a command is required: migrate, info, validate, ingest, cache, stats, check, backup, restore, copy or export");
    }

    /** The {@code --db} value as given (a path, possibly relative). */
    String db() {
        return db;
    }

    /** Remembers a database (which may hold a PostgreSQL pool) so that it is closed when the command ends. */
    <D extends Database> D closeAfterCommand(D database) {
        opened.add(database);
        return database;
    }

    private void closeDatabases() {
        for (Database database : opened) {
            try {
                database.close();
            } catch (RuntimeException e) {
                throw new CliException(
                        ExitCode.DATABASE_ERROR, "closing the database connections failed: " + e.getMessage());
            }
        }
        opened.clear();
    }

    /** Whether {@code --verbose} was given. */
    boolean verbose() {
        return verbose;
    }

    /** Where {@code cache put} reads from when no {@code --file} is given. */
    InputStream stdin() {
        return stdin;
    }

    private static PrintWriter utf8(OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"forensics-store " + (version != null ? version : "(development build)")};
        }
    }
}
