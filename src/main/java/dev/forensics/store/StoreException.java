package dev.forensics.store;

import java.util.Objects;

/**
 * Root of every error this library throws; unchecked, so callers catch only what they can act on.
 * The specific subclasses in {@link dev.forensics.store.errors} say what went wrong; each message names
 * the database, and the original {@link java.sql.SQLException}, if any, is the cause. What fixes it is data too,
 * {@link #remedy()}: the message ends with its {@link Remedy#advice()} in library terms, and a front end may
 * instead pair {@link #problem()} with its own words for the remedy (the CLI prints a command line).
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Remedy remedy;

    /** Creates an error with a message that names the database and what to do. */
    public StoreException(String message) {
        this(message, Remedy.NONE, null);
    }

    /** Creates an error with a message that names the database and what to do, keeping its cause. */
    public StoreException(String message, Throwable cause) {
        this(message, Remedy.NONE, cause);
    }

    /**
     * Creates an error whose fix is {@code remedy}; the message is {@code problem} followed by the remedy's advice.
     *
     * @param problem what went wrong, naming the database (no advice: that is the remedy's)
     * @param cause   the driver or library error that caused it, or {@code null}
     */
    public StoreException(String problem, Remedy remedy, Throwable cause) {
        super(problem, cause);
        this.remedy = Objects.requireNonNull(remedy, "remedy");
    }

    /** What fixes this error; {@link Remedy#NONE} when the message says it in words. */
    public Remedy remedy() {
        return remedy;
    }

    /** The message without the remedy's advice: what went wrong. */
    public String problem() {
        return super.getMessage();
    }

    /** {@link #problem()}, then the remedy's advice when there is one. */
    @Override
    public String getMessage() {
        return remedy == Remedy.NONE ? problem() : problem() + ": " + remedy.advice();
    }
}
