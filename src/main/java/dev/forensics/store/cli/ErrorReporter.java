package dev.forensics.store.cli;

import dev.forensics.store.Remedy;
import dev.forensics.store.StoreException;
import dev.forensics.store.errors.DatabaseLocationException;
import dev.forensics.store.errors.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * Turns every failure into ONE line {@code error: <message>} on standard error and an {@link ExitCode}; the stack
 * trace follows only with {@code --verbose}. A {@link StoreException}'s {@link Remedy} becomes the command line that
 * fixes it (the library's messages name no CLI command).
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + oneLine(error.getMessage()) + " (see `" + command.getCommandSpec().qualifiedName() + " --help`)");
        err.flush();
        return ExitCode.BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception error, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        int exitCode = exitCode(error);
        String message = CommandName.inSuggestions(oneLine(message(error, command)), command.getCommandSpec().root().name());
        if (exitCode == ExitCode.UNEXPECTED) {
            message = "unexpected " + error.getClass().getName() + (message.isEmpty() ? "" : ": " + message)
                    + (verbose(command) ? "" : " (run again with --verbose for the stack trace)");
        }
        err.println("error: " + message);
        if (verbose(command)) {
            error.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    /** The exit code for a failure: the command's own choice, bad input, a database error, or unexpected. */
    static int exitCode(Exception error) {
        if (error instanceof CliException cli) {
            return cli.exitCode();
        }
        if (error instanceof InvalidInputException || error instanceof DatabaseLocationException) {
            return ExitCode.BAD_INPUT;
        }
        if (error instanceof StoreException) {
            return ExitCode.DATABASE_ERROR;
        }
        return ExitCode.UNEXPECTED;
    }

    /**
     * The message of {@code error}, its {@link Remedy} (if any) said as the command line that fixes it, with the
     * {@code --db} value as given.
     */
    static String message(Exception error, CommandLine command) {
        if (!(error instanceof StoreException store) || store.remedy() == Remedy.NONE) {
            return error.getMessage();
        }
        String db = command.getCommandSpec().root().userObject() instanceof Main main ? main.db() : "PATH";
        return store.problem() + ": " + remedyAsCommand(store.remedy(), db);
    }

    private static String remedyAsCommand(Remedy remedy, String db) {
        switch (remedy) {
            case MIGRATE:
                return "run `forensics-store migrate --db " + db + "`";
            case VALIDATE_MIGRATIONS:
                return "run `forensics-store validate --db " + db + "` to see which migration differs";
            case FIX_OR_SKIP_INVALID_INPUT:
                return "fix the input or rerun with --skip-invalid";
            default:
                return remedy.advice();
        }
    }

    private static boolean verbose(CommandLine command) {
        return command.getCommandSpec().root().userObject() instanceof Main main && main.verbose();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
