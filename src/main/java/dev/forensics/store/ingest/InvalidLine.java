package dev.forensics.store.ingest;

import java.nio.file.Path;

/**
 * A line of input that cannot be ingested.
 *
 * @param file   the input file
 * @param line   its 1-based line number
 * @param reason what is wrong with it
 */
public record InvalidLine(Path file, long line, String reason) {
    /** {@code FILE:LINE: reason}, as compilers report. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
