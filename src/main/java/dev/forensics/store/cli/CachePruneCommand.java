package dev.forensics.store.cli;

import dev.forensics.store.Repository;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code cache prune --older-than 30d}: removes entries cached longer ago than the age (units d, h, m). */
@Command(name = "prune", description = "Remove cache entries older than an age such as 30d, 12h or 45m.")
final class CachePruneCommand extends StoreCommand {
    @Option(names = "--older-than", required = true, paramLabel = "AGE", converter = AgeConverter.class,
            description = "An age: a whole number followed by d (days), h (hours) or m (minutes).")
    private Age olderThan;

    @Override
    public Integer call() {
        int pruned;
        try (Repository repo = new Repository(existingDatabase())) {
            pruned = repo.llmCache().prune(olderThan.duration());
        }
        out().println("pruned " + pruned + " cache entr" + (pruned == 1 ? "y" : "ies") + " older than " + olderThan);
        return ExitCode.OK;
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
                throw new TypeConversionException("'" + value + "' is not an age: use a whole number and d, h or m, e.g. 30d");
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
