package dev.forensics.store.ingest;

import dev.forensics.store.Remedy;
import dev.forensics.store.errors.InvalidInputException;
import java.util.List;

/**
 * Malformed lines in an ingest's input; nothing was written. The message names the first line as
 * {@code FILE:LINE: reason}; {@link #lines()} lists up to 20 of them.
 */
public final class InvalidIngestInputException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final transient List<InvalidLine> lines;
    private final long count;

    /** Reports {@code count} invalid lines, of which {@code lines} are the first. */
    public InvalidIngestInputException(List<InvalidLine> lines, long count) {
        super(
                lines.get(0)
                        + (count > 1
                                ? " (and " + (count - 1) + " more invalid line" + (count > 2 ? "s" : "") + ")"
                                : "")
                        + "; nothing was written",
                Remedy.FIX_OR_SKIP_INVALID_INPUT,
                null);
        this.lines = List.copyOf(lines);
        this.count = count;
    }

    /** The first invalid lines, in input order (at most 20). */
    public List<InvalidLine> lines() {
        return lines;
    }

    /** How many lines are invalid in all. */
    public long count() {
        return count;
    }
}
