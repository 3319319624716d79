package dev.forensics.store.cli;

import dev.forensics.store.Repository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code cache prune [--older-than 30d] [--max-entries N] [--max-mb M]}: removes entries cached longer ago than the age
 * (units d, h, m), then evicts the least recently used entries until at most N entries and M megabytes are left.
 */
@Command(
        name = "prune",
        description = {
            "Remove cache entries older than an age such as 30d, 12h or 45m, and/or evict the",
            "least recently used entries down to --max-entries / --max-mb. At least one option is required."
        })
final class CachePruneCommand extends StoreCommand {
    private static final long MEGABYTE = 1_000_000;

    @Option(
            names = "--older-than",
            paramLabel = "AGE",
            converter = AgeConverter.class,
            description = "An age: a whole number followed by d (days), h (hours) or m (minutes).")
    private Age olderThan;

    @Option(
            names = "--max-entries",
            paramLabel = "N",
            description = "Keep at most N entries (least recently used evicted first).")
    private Long maxEntries;

    @Option(
            names = "--max-mb",
            paramLabel = "M",
            description = "Keep at most M megabytes (10^6 bytes) of analysis JSON.")
    private Long maxMegabytes;

    @Override
    public Integer call() {
        if (olderThan == null && maxEntries == null && maxMegabytes == null) {
            throw new ParameterException(spec.commandLine(), "give --older-than, --max-entries or --max-mb");
        }
        requirePositive("--max-entries", maxEntries);
        requirePositive("--max-mb", maxMegabytes);
        if (maxMegabytes != null && maxMegabytes > Long.MAX_VALUE / MEGABYTE) {
            throw new ParameterException(spec.commandLine(), "--max-mb " + maxMegabytes + " is too large");
        }
        List<String> done = new ArrayList<>();
        try (Repository repo = new Repository(existingDatabase())) {
            if (olderThan != null) {
                int pruned = repo.llmCache().prune(olderThan.duration());
                done.add("pruned " + entries(pruned) + " older than " + olderThan);
            }
            if (maxEntries != null || maxMegabytes != null) {
                long evicted = repo.llmCache()
                        .evict(maxEntries == null ? 0 : maxEntries, maxMegabytes == null ? 0 : maxMegabytes * MEGABYTE);
                done.add("evicted " + entries(evicted) + " least recently used to stay within "
                        + (maxEntries != null ? maxEntries + " entries" : "")
                        + (maxEntries != null && maxMegabytes != null ? " and " : "")
                        + (maxMegabytes != null ? maxMegabytes + " MB" : ""));
            }
        }
        done.forEach(out()::println);
        return ExitCode.OK;
    }

    private void requirePositive(String option, Long value) {
        if (value != null && value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, was " + value);
        }
    }

    private static String entries(long n) {
        return n + " cache entr" + (n == 1 ? "y" : "ies");
    }

    /**
     * An age as given on the command line.
     *
     * @param duration the age
     * @param text     as the user wrote it ({@code 30d})
     */
    record Age(Duration duration, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Parses {@code 30d}, {@code 12h}, {@code 45m}. */
    static final class AgeConverter implements ITypeConverter<Age> {
        private static final Pattern AGE = Pattern.compile("(\\d{1,9})([dhm])");

        @Override
        public Age convert(String value) {
            return new Age(duration(value), value.strip());
        }

        private static Duration duration(String value) {
            Matcher m = AGE.matcher(value.strip());
            if (!m.matches()) {
                throw new TypeConversionException(
                        "'" + value + "' is not an age: use a whole number and d, h or m, e.g. 30d");
            }
            long amount = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "d":
                    return Duration.ofDays(amount);
                case "h":
                    return Duration.ofHours(amount);
                default:
                    return Duration.ofMinutes(amount);
            }
        }
    }
}
