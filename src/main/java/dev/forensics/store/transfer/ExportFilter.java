package dev.forensics.store.transfer;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which articles an {@link Exporter} writes.
 *
 * @param authorSlug only this author's articles, when present
 * @param since      only articles published or fetched at or after this time, when present
 */
public record ExportFilter(Optional<String> authorSlug, Optional<Instant> since) {
    /** Checks that neither part is null. */
    public ExportFilter {
        Objects.requireNonNull(authorSlug, "authorSlug");
        Objects.requireNonNull(since, "since");
    }

    /** Every article. */
    public static ExportFilter all() {
        return new ExportFilter(Optional.empty(), Optional.empty());
    }
}
