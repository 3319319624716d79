package dev.forensics.store;

/**
 * What fixes a {@link StoreException}, as data: the library's message says it in library terms ({@link #advice()}),
 * and a front end (the CLI) may turn it into its own words, e.g. a command line. {@link #NONE} when the message's own
 * text says all there is to do (free space, raise the busy timeout, ...).
 */
public enum Remedy {
    /** Nothing beyond what the message says. */
    NONE(""),
    /** The database has no schema or an older one: migrate it. */
    MIGRATE("migrate it first with Repository.migrate(...)"),
    /** The applied migrations differ from this library's: list which ones (Migrator.info/validate) before going on. */
    VALIDATE_MIGRATIONS("Migrator.validate(...) and Migrator.info(...) show which migration differs"),
    /** Malformed input lines: fix them, or ingest with skipping of invalid lines turned on. */
    FIX_OR_SKIP_INVALID_INPUT(
            "fix the input, or ingest with IngestOptions.skipInvalid() on to skip the malformed lines"),
    /** An input without a single article: check where it came from, or accept an empty input where one is expected. */
    ALLOW_EMPTY_INPUT("check the input, or allow an empty input where one is expected (IngestOptions.allowEmpty)");

    private final String advice;

    Remedy(String advice) {
        this.advice = advice;
    }

    /** The fix in library terms, as appended to the message; empty for {@link #NONE}. */
    public String advice() {
        return advice;
    }
}
