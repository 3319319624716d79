package dev.forensics.store.cli;

import dev.forensics.store.Remedy;
import dev.forensics.store.StoreException;
import dev.forensics.store.errors.DatabaseLocationException;
import dev.forensics.store.errors.InvalidInputException;
import dev.forensics.store.internal.Redaction;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure, {@link Error}s included, into ONE line {@code error: <message>} on standard error and an
 * {@link ExitCode}; the stack trace follows only with {@code --verbose}. Everything it prints goes through
 * {@link #printable(String)}: passwords hidden, control characters escaped, so that text from the input (a crafted URL)
 * can neither rewrite the terminal nor split the line. A {@link StoreException}'s {@link Remedy} becomes the command
 * line that fixes it (the library's messages name no CLI command).
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + printable(error.getMessage()) + " (see `"
                + command.getCommandSpec().qualifiedName() + " --help`)");
        err.flush();
        return ExitCode.BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine command, ParseResult parseResult) {
        // An Error (OutOfMemoryError, StackOverflowError) arrives wrapped by Main's execution strategy.
        Throwable error = exception instanceof ExecutionException && exception.getCause() instanceof Error cause
                ? cause
                : exception;
        PrintWriter err = command.getErr();
        int exitCode = error instanceof Exception e ? exitCode(e) : ExitCode.UNEXPECTED;
        String message = printable(CommandName.inSuggestions(
                error instanceof Exception e ? message(e, command) : error.getMessage(),
                command.getCommandSpec().root().name()));
        if (exitCode == ExitCode.UNEXPECTED) {
            message = "unexpected " + error.getClass().getName() + (message.isEmpty() ? "" : ": " + message)
                    + (verbose(command) ? "" : " (run again with --verbose for the stack trace)");
        }
        err.println("error: " + message);
        if (verbose(command)) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            err.print(escapeControls(Redaction.secrets(trace.toString()), true));
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
            case ALLOW_EMPTY_INPUT:
                return "check the input, or rerun with --allow-empty where an empty input is expected";
            default:
                return remedy.advice();
        }
    }

    private static boolean verbose(CommandLine command) {
        return command.getCommandSpec().root().userObject() instanceof Main main && main.verbose();
    }

    /**
     * {@code text} as it may reach the terminal: passwords hidden ({@link Redaction#secrets(String)}), line breaks
     * folded into one space, and every other control, format or separator character and lone surrogate escaped as
     * backslash-u and four hex digits (as in Java). The CLI prints every error and every warning that quotes input through it.
     */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        return escapeControls(Redaction.secrets(text).strip().replaceAll("\\s*\\R\\s*", " "), false);
    }

    private static String escapeControls(String text, boolean keepLineBreaks) {
        StringBuilder shown = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (keepLineBreaks && (c == '\n' || c == '\t')) {
                shown.append(c);
            } else if (unsafe(text, i)) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }

    /** A character that a terminal acts on or that is invisible: C0/C1 controls, DEL, format characters (bidi), separators, lone surrogates. */
    private static boolean unsafe(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        int type = Character.getType(c);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
