package dev.forensics.store.ingest;

import java.time.Duration;

/**
 * What an ingest did: {@code read = inserted + updated + skipped + invalid}.
 *
 * @param read     non-blank input lines
 * @param inserted articles new to the database
 * @param updated  articles stored before the run or by an earlier line, replaced ({@link IngestOptions#update()})
 * @param skipped  lines whose URL was already stored, before the run or by an earlier line (without {@code update})
 * @param invalid  malformed lines skipped ({@link IngestOptions#skipInvalid()})
 * @param elapsed  wall time of the whole run, validation included
 */
public record IngestSummary(long read, long inserted, long updated, long skipped, long invalid, Duration elapsed) {

    /** Articles written (inserted + updated) per second of {@link #elapsed()}. */
    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? (inserted + updated) / seconds : 0;
    }
}
