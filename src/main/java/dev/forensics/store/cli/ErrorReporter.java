package dev.forensics.store.cli;

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
 * trace follows only with {@code --verbose}.
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
        String message = oneLine(error.getMessage());
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

    private static boolean verbose(CommandLine command) {
        return command.getCommandSpec().root().userObject() instanceof Main main && main.verbose();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
